/* Unit tests for facts/entity: names, short forms, roles, transcript
 * labels and pronouns, on a fictional ferry strike in Marrow Bay. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storyline.h"
#include "facts/entity.h"
#include "util/arena.h"

typedef struct run {
    sl_article *a;
    sl_arena ar;
    sl_entity *e;
    sl_mention *m;
    size_t ne, nm;
} run;

static void annotate(run *r, const char *text) {
    sl_error err;
    memset(r, 0, sizeof *r);
    assert_int_equal(sl_article_from_text(text, strlen(text), "2024-03-05", &r->a, &err), SL_OK);
    sl_arena_init(&r->ar, 0);
    assert_int_equal(sl_find_entities(r->a, &r->ar, &r->e, &r->ne, &r->m, &r->nm, &err), SL_OK);
}

static void done(run *r) {
    sl_arena_free(&r->ar);
    sl_article_free(r->a);
}

static int find_ent(const run *r, const char *name) {
    for (size_t i = 0; i < r->ne; i++)
        if (!strcmp(r->e[i].name, name))
            return (int)i;
    return -1;
}

/* The entity of the first mention spelled exactly s (after offset from), or -1. */
static int mention_of(const run *r, const char *s, size_t from, sl_mention_kind *kind) {
    size_t n = strlen(s);
    for (size_t i = 0; i < r->nm; i++) {
        const sl_mention *m = &r->m[i];
        if (m->start >= from && m->end - m->start == n && !memcmp(r->a->text + m->start, s, n)) {
            if (kind)
                *kind = m->kind;
            return m->entity;
        }
    }
    return -1;
}

static void minister_and_short_form_are_one_person(void **state) {
    (void)state;
    run r;
    annotate(&r, "Harbour Minister Tomas Vell met striking ferry crews in Marrow Bay on Monday.\n"
                 "Vell said the timetable would be restored by Friday.\n");
    int vell = find_ent(&r, "Tomas Vell");
    assert_true(vell >= 0);
    assert_int_equal(r.e[vell].type, SL_ENT_PERSON);
    assert_non_null(r.e[vell].role);
    assert_non_null(strstr(r.e[vell].role, "Minister"));
    assert_true(r.e[vell].role_end > r.e[vell].role_start);
    assert_memory_equal(r.a->text + r.e[vell].role_start, r.e[vell].role,
                        r.e[vell].role_end - r.e[vell].role_start);
    sl_mention_kind k;
    const char *second = strstr(r.a->text, "Vell said");
    assert_int_equal(mention_of(&r, "Vell", (size_t)(second - r.a->text), &k), vell);
    assert_int_equal(k, SL_MENTION_SHORT);
    assert_int_equal(mention_of(&r, "Tomas Vell", 0, &k), vell);
    assert_int_equal(k, SL_MENTION_NAME);
    int bay = find_ent(&r, "Marrow Bay");
    assert_true(bay >= 0);
    assert_int_equal(r.e[bay].type, SL_ENT_PLACE);
    done(&r);
}

static void mentions_are_in_text_order_with_valid_entities(void **state) {
    (void)state;
    run r;
    annotate(&r, "The Marrow Bay Ferry Company said Tuesday that Ida Quarles, its chief pilot, "
                 "would lead talks.\nQuarles told the Harbour Workers Union she wanted a deal.\n"
                 "She said the union had been patient.\n");
    assert_true(r.nm >= 3);
    for (size_t i = 0; i < r.nm; i++) {
        assert_true(r.m[i].entity >= 0 && (size_t)r.m[i].entity < r.ne);
        assert_true(r.m[i].end > r.m[i].start && r.m[i].end <= r.a->text_len);
        if (i)
            assert_true(r.m[i - 1].start <= r.m[i].start);
    }
    int co = find_ent(&r, "Marrow Bay Ferry Company");
    assert_true(co >= 0);
    assert_int_equal(r.e[co].type, SL_ENT_ORG);
    int ida = find_ent(&r, "Ida Quarles");
    assert_true(ida >= 0);
    /* "She said" opens a sentence: the pronoun is the pilot */
    sl_mention_kind k;
    assert_int_equal(mention_of(&r, "She", 0, &k), ida);
    assert_int_equal(k, SL_MENTION_PRONOUN);
    size_t total = 0;
    for (size_t i = 0; i < r.ne; i++)
        total += r.e[i].n_mentions;
    assert_int_equal(total, r.nm);
    done(&r);
}

static void transcript_label_links_to_the_minister(void **state) {
    (void)state;
    run r;
    annotate(&r, "Harbour Minister Tomas Vell joined us from Marrow Bay.\n"
                 "HOST: Minister, when will the ferries sail again?\n"
                 "VELL: We expect the first crossing on Thursday.\n");
    int vell = find_ent(&r, "Tomas Vell");
    assert_true(vell >= 0);
    const char *lab = strstr(r.a->text, "VELL:");
    sl_mention_kind k;
    assert_int_equal(mention_of(&r, "VELL", (size_t)(lab - r.a->text), &k), vell);
    assert_int_equal(k, SL_MENTION_LABEL);
    /* a speaker never named in the text is still a person */
    int host = mention_of(&r, "HOST", 0, &k);
    assert_true(host >= 0);
    assert_int_equal(k, SL_MENTION_LABEL);
    assert_int_equal(r.e[host].type, SL_ENT_PERSON);
    done(&r);
}

static void description_links_to_the_person_with_that_role(void **state) {
    (void)state;
    run r;
    annotate(&r, "Harbour Minister Tomas Vell toured the docks.\n"
                 "The harbour minister said the strike had cost the town dearly.\n");
    int vell = find_ent(&r, "Tomas Vell");
    assert_true(vell >= 0);
    sl_mention_kind k;
    assert_int_equal(mention_of(&r, "The harbour minister", 0, &k), vell);
    assert_int_equal(k, SL_MENTION_NOMINAL);
    done(&r);
}

static void sentence_initial_common_words_are_not_names(void **state) {
    (void)state;
    run r;
    annotate(&r, "After the vote, crews returned.\nYesterday Marrow Bay was quiet.\n");
    assert_int_equal(find_ent(&r, "After"), -1);
    assert_int_equal(find_ent(&r, "Yesterday"), -1);
    assert_true(find_ent(&r, "Marrow Bay") >= 0);
    done(&r);
}

/* The type of the entity named exactly name, or -1 when there is none. */
static int type_of_name(const run *r, const char *name) {
    int e = find_ent(r, name);
    return e < 0 ? -1 : (int)r->e[e].type;
}

static void gazetteer_city_is_a_place(void **state) {
    (void)state;
    run r;
    annotate(&r, "The ferry crews sailed on while Tulcea waited for news.\n");
    assert_int_equal(type_of_name(&r, "Tulcea"), SL_ENT_PLACE);
    done(&r);
    annotate(&r, "Delegates of Trinidad and Tobago watched the strike.\n");
    assert_int_equal(type_of_name(&r, "Trinidad and Tobago"), SL_ENT_PLACE);
    done(&r);
}

static void a_name_after_an_article_is_no_person(void **state) {
    (void)state;
    run r;
    annotate(&r, "Crews cheered when the Quillons arrived at the pier.\n"
                 "The Brenvik family ran the ferry, and Ola Brenvik steered it.\n");
    assert_int_equal(type_of_name(&r, "Quillons"), SL_ENT_ORG);
    /* a name that modifies a noun keeps its own type */
    assert_int_equal(type_of_name(&r, "Ola Brenvik"), SL_ENT_PERSON);
    done(&r);
}

static void a_town_that_signs_players_is_a_club(void **state) {
    (void)state;
    run r;
    annotate(&r, "Dervo Palk played two seasons in Marrow Bay before he signed with Tulcea.\n"
                 "He scored twice for Tulcea in his first match.\n");
    assert_int_equal(type_of_name(&r, "Tulcea"), SL_ENT_ORG);
    done(&r);
}

static void names_that_run_over_punctuation(void **state) {
    (void)state;
    run r;
    annotate(&r, "Harlo 's Brigade marched to Quillonville , D.C. with Fennick & Moss Ferries .\n"
                 "Dervo \" Skipper \" Palk led them , and the ferry left for St. Brenvik .\n");
    assert_int_equal(type_of_name(&r, "Harlo 's Brigade"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "Quillonville , D.C."), SL_ENT_PLACE);
    assert_true(find_ent(&r, "Fennick & Moss Ferries") >= 0);
    assert_int_equal(type_of_name(&r, "Dervo \" Skipper \" Palk"), SL_ENT_PERSON);
    assert_true(find_ent(&r, "St. Brenvik") >= 0);
    assert_int_equal(find_ent(&r, "Brenvik"), -1);
    done(&r);
}

static void single_letters_and_greetings_are_no_names(void **state) {
    (void)state;
    run r;
    annotate(&r, "Hi, Tamsin.\n"
                 "A lorry queue formed at the pier. What I saw was rain, said Tamsin Garro.\n"
                 "Oh, the ferry is late again.\n");
    assert_int_equal(find_ent(&r, "Hi"), -1);
    assert_int_equal(find_ent(&r, "Oh"), -1);
    assert_int_equal(find_ent(&r, "A"), -1);
    assert_int_equal(find_ent(&r, "I"), -1);
    done(&r);
}

static void a_name_referred_to_as_a_thing_is_an_organization(void **state) {
    (void)state;
    run r;
    annotate(&r, "Quellmark says its offer stands.\n"
                 "The six Quellmark trucks stayed parked, and Quellmark said its drivers were idle.\n");
    assert_int_equal(type_of_name(&r, "Quellmark"), SL_ENT_ORG);
    done(&r);
    /* a person stays a person when referred to as one */
    annotate(&r, "Tervalo says his offer stands.\n");
    assert_int_equal(type_of_name(&r, "Tervalo"), SL_ENT_PERSON);
    done(&r);
}

static void family_name_particles_stay_inside_the_name(void **state) {
    (void)state;
    run r;
    annotate(&r, "The harbour master, Joost van der Brink, said the quay was closed.\n"
                 "Later Brink walked to the pier with Amaia de la Fuerte.\n");
    int b = find_ent(&r, "Joost van der Brink");
    assert_true(b >= 0);
    assert_int_equal(r.e[b].type, SL_ENT_PERSON);
    assert_int_equal(find_ent(&r, "Joost"), -1);
    assert_int_equal(find_ent(&r, "Brink"), -1);
    assert_int_equal(mention_of(&r, "Brink", (size_t)(strstr(r.a->text, "Later") - r.a->text), NULL), b);
    assert_int_equal(type_of_name(&r, "Amaia de la Fuerte"), SL_ENT_PERSON);
    done(&r);
}

static void a_first_name_links_to_the_speaker_label(void **state) {
    (void)state;
    run r;
    annotate(&r, "Welcome back. Our reporter is at the pier. Hello, Osric.\n"
                 "PELLA ARUNDE, BYLINE: Hello, Osric.\n"
                 "OSRIC TAMMEL, HOST: What do you see?\n"
                 "ARUNDE: Empty berths.\n"
                 "TAMMEL: Thanks.\n");
    sl_mention_kind k;
    int osric = mention_of(&r, "Osric", 0, &k);
    assert_true(osric >= 0);
    assert_string_equal(r.e[osric].name, "Osric Tammel");
    assert_int_equal(k, SL_MENTION_SHORT);
    assert_int_equal(r.e[osric].type, SL_ENT_PERSON);
    assert_int_equal(find_ent(&r, "Osric"), -1);
    size_t labels = 0;
    for (size_t i = 0; i < r.nm; i++)
        labels += r.m[i].kind == SL_MENTION_LABEL && r.m[i].entity == osric;
    assert_int_equal(labels, 2);
    done(&r);
}

static void organization_names_run_over_and_the_and_nesting(void **state) {
    (void)state;
    run r;
    annotate(&r, "Crews balloted by the Quay and Tug Pilots' Union voted to strike.\n"
                 "Medics of the VII Corps of the Army of the Marrow met at Vellan Hall.\n"
                 "Skippers of the Bay Lanterns of the NCHL joined a branch of The Pilots Association.\n");
    int u = find_ent(&r, "Quay and Tug Pilots' Union");
    assert_true(u >= 0);
    assert_int_equal(r.e[u].type, SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "VII Corps"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "Army of the Marrow"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "Vellan Hall"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "Bay Lanterns"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "NCHL"), SL_ENT_ORG);
    /* a capitalized "The" inside a sentence is part of the official name */
    sl_mention_kind k;
    int p = mention_of(&r, "The Pilots Association", 0, &k);
    assert_true(p >= 0);
    assert_int_equal(r.e[p].type, SL_ENT_ORG);
    done(&r);
}

static void a_company_first_met_by_its_short_name(void **state) {
    (void)state;
    run r;
    annotate(&r, "Staff in Quellmark's yellow jackets waited.\n"
                 "Quellmark Trucks said every route was canceled.\n");
    int q = find_ent(&r, "Quellmark Trucks");
    assert_true(q >= 0);
    assert_int_equal(r.e[q].type, SL_ENT_ORG);
    assert_int_equal(mention_of(&r, "Quellmark", 0, NULL), q);
    assert_int_equal(find_ent(&r, "Quellmark"), -1);
    done(&r);
}

/* A phrase of common words ("Lantern Works") is typed no organization by
 * default, yet its short name still finds it in the article. */
static void common_word_phrase_is_untyped_but_linked(void **state) {
    (void)state;
    run r;
    annotate(&r, "Ferry crews in Marrow Bay praised Lantern Works for its repair of the dock cranes.\n"
                 "Residents say Lantern quoted a fair price.\n");
    int lw = find_ent(&r, "Lantern Works");
    assert_true(lw >= 0);
    const char *second = strstr(r.a->text, "Lantern quoted");
    assert_int_equal(mention_of(&r, "Lantern", (size_t)(second - r.a->text), NULL), lw);
    done(&r);
    annotate(&r, "The regatta drew crowds in Marrow Bay.\nShe was named Tide Coordinator last spring.\n");
    int tc = find_ent(&r, "Tide Coordinator");
    assert_true(tc < 0 || r.e[tc].type == SL_ENT_OTHER);
    done(&r);
}

/* "Ferry Inspector" alone is a job, no one's name; before a name it is
 * the role of the person named. */
static void a_job_without_a_name_is_no_entity(void **state) {
    (void)state;
    run r;
    annotate(&r, "Marrow Bay hired a new Ferry Inspector last week.\n"
                 "Ferry Inspector Ida Quarles toured the docks on Monday.\n");
    assert_true(find_ent(&r, "Ferry Inspector") < 0);
    int ida = find_ent(&r, "Ida Quarles");
    assert_true(ida >= 0);
    assert_int_equal(r.e[ida].type, SL_ENT_PERSON);
    done(&r);
}

/* "the album Harbour Lights": the name of a work is no body or place. */
static void a_work_named_after_its_kind_is_other(void **state) {
    (void)state;
    run r;
    annotate(&r, "The Quay Pilots recorded the album Grey Tide Rising in Marrow Bay.\n"
                 "Their song \"Vellan Morning\" topped the charts.\n");
    assert_int_equal(type_of_name(&r, "Grey Tide Rising"), SL_ENT_OTHER);
    assert_int_equal(type_of_name(&r, "Vellan Morning"), SL_ENT_OTHER);
    assert_int_equal(type_of_name(&r, "Marrow Bay"), SL_ENT_PLACE);
    done(&r);
}

/* Events are no bodies: "the 2031 Marrow Games", "the Vellan War of
 * Succession", "the Cup" (while "Quaystone Games" makes games). */
static void events_are_other(void **state) {
    (void)state;
    run r;
    annotate(&r, "Rowers from Marrow Bay won gold at the 2031 Harbour Games in Tulcea.\n"
                 "The Vellan War of Succession closed the port.\n"
                 "That was the first year the Cup was awarded.\n");
    assert_int_equal(type_of_name(&r, "Harbour Games"), SL_ENT_OTHER);
    assert_int_equal(type_of_name(&r, "Vellan War of Succession"), SL_ENT_OTHER);
    int cup = find_ent(&r, "Cup");
    assert_true(cup < 0 || r.e[cup].type == SL_ENT_OTHER);
    done(&r);
    annotate(&r, "The studio Quaystone Games hired forty people in Marrow Bay.\n");
    assert_int_equal(type_of_name(&r, "Quaystone Games"), SL_ENT_ORG);
    done(&r);
}

/* "signed with the Lanterns": a capitalized plural after "the" is a team,
 * even met once; the same word lowercase is no name. */
static void a_plural_after_the_is_a_team(void **state) {
    (void)state;
    run r;
    annotate(&r, "Ida Quarles played two seasons for the Lanterns before moving to Marrow Bay.\n");
    assert_int_equal(type_of_name(&r, "Lanterns"), SL_ENT_ORG);
    done(&r);
    annotate(&r, "Crews hung lanterns along the quay in Marrow Bay.\n");
    assert_true(find_ent(&r, "lanterns") < 0);
    done(&r);
}

/* "Professor Ida Quarles of the Marrow Tidal Institute": the titled
 * person and the body they belong to are two names. */
static void a_titled_person_of_a_body_splits(void **state) {
    (void)state;
    run r;
    annotate(&r, "According to Professor Ida Quarles of the Marrow Tidal Institute, the quay is sinking.\n");
    assert_int_equal(type_of_name(&r, "Ida Quarles"), SL_ENT_PERSON);
    assert_int_equal(type_of_name(&r, "Marrow Tidal Institute"), SL_ENT_ORG);
    done(&r);
}

/* A team cue needs its verb in lowercase: "Ben Player returns to Tulcea"
 * is a surname before a place, not "played for". */
static void a_capitalized_name_is_no_team_verb(void **state) {
    (void)state;
    run r;
    annotate(&r, "Surfer Ben Player won again.\nThis month Player returns to Tulcea to defend his title.\n");
    assert_int_equal(type_of_name(&r, "Tulcea"), SL_ENT_PLACE);
    done(&r);
}

/* A lone given name the word list knows only capitalized ("Francine")
 * stays a person without a title or "she"; an unknown lone word with
 * no person cue is still taken for a company or band. */
static void a_dictionary_given_name_alone_stays_a_person(void **state) {
    (void)state;
    run r;
    annotate(&r, "The ferry left Marrow Bay at noon.\nOn the deck , Francine counted the crates twice .\n");
    assert_int_equal(type_of_name(&r, "Francine"), SL_ENT_PERSON);
    done(&r);
}

/* "FC Tulcea": a club named after its town is no place. */
static void a_club_prefix_makes_an_organization(void **state) {
    (void)state;
    run r;
    annotate(&r, "Ida Quarles scored twice for FC Tulcea on Sunday.\n");
    assert_int_equal(type_of_name(&r, "FC Tulcea"), SL_ENT_ORG);
    done(&r);
}

/* "the villages of Pell and Quorra": both are places, however unknown. */
static void places_after_a_plural_kind_of_place(void **state) {
    (void)state;
    run r;
    annotate(&r, "The storm cut power to the villages of Pellwick and Quorrano overnight.\n");
    assert_int_equal(type_of_name(&r, "Pellwick"), SL_ENT_PLACE);
    assert_int_equal(type_of_name(&r, "Quorrano"), SL_ENT_PLACE);
    done(&r);
}

/* "fellow Marrowlander Ida Quarles": the people's word stays outside the
 * name. */
static void a_peoples_word_before_a_name_is_no_part_of_it(void **state) {
    (void)state;
    run r;
    annotate(&r, "The race was won by fellow Marrowlander Ida Quarles on Sunday.\n");
    assert_int_equal(type_of_name(&r, "Ida Quarles"), SL_ENT_PERSON);
    done(&r);
}

static void what_a_body_is_for_is_part_of_its_name(void **state) {
    (void)state;
    run r;
    annotate(&r, "Funds came from the Quillon Institute for Tidal Studies last year.\n"
                 "Brisk played in the Marrow League for Tern Rovers.\n");
    assert_int_equal(type_of_name(&r, "Quillon Institute for Tidal Studies"), SL_ENT_ORG);
    assert_int_equal(type_of_name(&r, "Tidal Studies"), -1);
    assert_true(find_ent(&r, "Tern Rovers") >= 0);
    done(&r);
}

static void a_name_said_to_be_a_kind_of_place_is_a_place(void **state) {
    (void)state;
    run r;
    annotate(&r, "Brellow is a small village in the hills.\n"
                 "Quarles was a state senator for years.\n");
    assert_int_equal(type_of_name(&r, "Brellow"), SL_ENT_PLACE);
    assert_true(type_of_name(&r, "Quarles") != SL_ENT_PLACE);
    done(&r);
}

static void a_people_or_its_language_is_no_organization(void **state) {
    (void)state;
    run r;
    annotate(&r, "Quellish is a nearly extinct coastal language spoken on two islands.\n"
                 "The Tarrow people who fish there are few.\n"
                 "Fans of Yorkshire people cheered.\n");
    assert_int_equal(type_of_name(&r, "Quellish"), SL_ENT_OTHER);
    assert_int_equal(type_of_name(&r, "Tarrow"), SL_ENT_OTHER);
    done(&r);
}

static void a_given_name_before_a_common_word_surname_is_a_person(void **state) {
    (void)state;
    run r;
    annotate(&r, "The ferry log was kept by Candace Partridge until spring.\n");
    assert_int_equal(type_of_name(&r, "Candace Partridge"), SL_ENT_PERSON);
    done(&r);
}

static void a_legal_form_after_a_comma_names_nothing_alone(void **state) {
    (void)state;
    run r;
    annotate(&r, "The ferries were sold to Tern Holdings , LLC and to Bayline , Inc. last May.\n");
    assert_int_equal(find_ent(&r, "LLC"), -1);
    assert_int_equal(find_ent(&r, "Inc."), -1);
    assert_true(find_ent(&r, "Tern Holdings") >= 0);
    done(&r);
}

static void a_named_time_is_no_body(void **state) {
    (void)state;
    run r;
    annotate(&r, "During the Middle Ages the Marrow Bay ferrymen paid tolls to the Quells.\n");
    int ty = type_of_name(&r, "Middle Ages");
    assert_true(ty == -1 || ty == SL_ENT_OTHER);
    done(&r);
}

static void common_words_first_met_bare_become_a_team_after_the(void **state) {
    (void)state;
    run r;
    annotate(&r, "Oyster Kings coach Ida Quarles smiled.\nIn 2003 for the Oyster Kings , Brisk scored twice.\n");
    assert_int_equal(type_of_name(&r, "Oyster Kings"), SL_ENT_ORG);
    done(&r);
}

static void a_school_year_before_a_name_is_no_part_of_it(void **state) {
    (void)state;
    run r;
    annotate(&r, "Two Herons , Senior Tobin Vellacourt and Juniors Arvo Quillet , won awards.\n");
    assert_true(find_ent(&r, "Tobin Vellacourt") >= 0);
    assert_true(find_ent(&r, "Arvo Quillet") >= 0);
    assert_int_equal(find_ent(&r, "Senior Tobin Vellacourt"), -1);
    done(&r);
}

static void a_dj_prefix_makes_a_stage_name(void **state) {
    (void)state;
    run r;
    annotate(&r, "The pier party had sets by DJ KORVA , DJ Tidewind and others.\n");
    assert_int_equal(type_of_name(&r, "DJ KORVA"), SL_ENT_PERSON);
    assert_int_equal(type_of_name(&r, "DJ Tidewind"), SL_ENT_PERSON);
    done(&r);
}

static void an_all_honour_is_no_part_of_a_name(void **state) {
    (void)state;
    run r;
    annotate(&r, "He was a Quarlshire All-State tackle and later joined the All-Time Marrow Bay University team.\n");
    assert_true(find_ent(&r, "Quarlshire") >= 0);
    assert_int_equal(find_ent(&r, "Quarlshire All-State"), -1);
    assert_int_equal(find_ent(&r, "All-Time Marrow Bay University"), -1);
    done(&r);
}

static void a_given_name_after_a_place_preposition_stays_a_person(void **state) {
    (void)state;
    run r;
    annotate(&r, "The ferry log went to Stan first.\nLater Stan said he would sail at dawn for his town.\n");
    assert_int_equal(type_of_name(&r, "Stan"), SL_ENT_PERSON);
    done(&r);
}

static void hostile_input_is_bounded(void **state) {
    (void)state;
    size_t n = 200000;
    char *t = malloc(n + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i += 5)
        memcpy(t + i, "Vell ", 5);
    t[n] = 0;
    run r;
    annotate(&r, t);
    assert_true(r.ne >= 1);
    done(&r);
    for (size_t i = 0; i < n; i++)
        t[i] = (i % 3 == 2) ? ' ' : 'A';
    annotate(&r, t);
    done(&r);
    free(t);
}

/* A typographic apostrophe joins a body's name as a straight one does, and
 * the body's common word opening a sentence ("Union leader ...") is no
 * name of its own. */
static void a_union_is_named_whole_and_not_by_its_last_word(void **state) {
    (void)state;
    run r;
    annotate(&r, "Talks went on after the Harbor and Ferry Workers\xE2\x80\x99 Union dropped "
                 "its demand.\n\nUnion leader Dara Whelan stepped outside. Union members "
                 "still have to vote on it.\n");
    int u = find_ent(&r, "Harbor and Ferry Workers\xE2\x80\x99 Union");
    assert_true(u >= 0);
    assert_int_equal(r.e[u].type, SL_ENT_ORG);
    assert_int_equal(find_ent(&r, "Union"), -1);
    assert_true(find_ent(&r, "Dara Whelan") >= 0);
    done(&r);
    /* "the union" later is the union */
    annotate(&r, "The Harbor and Ferry Workers' Union called the strike.\n"
                 "On Friday the union said its members would stay out.\n");
    int hu = find_ent(&r, "Harbor and Ferry Workers' Union");
    assert_true(hu >= 0);
    const char *later = strstr(r.a->text, "the union");
    assert_int_equal(mention_of(&r, "the union", (size_t)(later - r.a->text), NULL), hu);
    done(&r);
    /* the article may open the sentence */
    annotate(&r, "Talks are set for Tuesday.\n\nThe Harbor and Ferry Workers' Union wants a raise.\n");
    assert_true(find_ent(&r, "Harbor and Ferry Workers' Union") >= 0);
    assert_int_equal(find_ent(&r, "Ferry Workers' Union"), -1);
    done(&r);
}

/* A person's pronoun is learnt from the first one resolved to it: after
 * "She declined" about Brenn, a "he said" is not Brenn's. */
static void he_is_not_the_woman_just_named(void **state) {
    (void)state;
    run r;
    annotate(&r, "Union leader Ada Brenn said the crews would stay out until Friday.\n"
                 "She declined to say more.\n"
                 "A spokesman for the ferry company confirmed the vote. \"We respect it,\" he "
                 "said.\n");
    int brenn = find_ent(&r, "Ada Brenn");
    assert_true(brenn >= 0);
    assert_int_equal(mention_of(&r, "She", 0, NULL), brenn);
    const char *he = strstr(r.a->text, "he said");
    assert_true(mention_of(&r, "he", (size_t)(he - r.a->text), NULL) != brenn);
    done(&r);
}

/* "A spokesman for the minister" is a person without a name: the "he" that
 * follows is his, not the minister's, whose pronoun is not known yet. */
static void he_after_a_nameless_spokesman_is_nobody_named(void **state) {
    (void)state;
    run r;
    annotate(&r, "Harbour Minister Tomas Vell met the crews on Monday.\n"
                 "A spokesman for the minister confirmed the meeting. \"We will keep talking,\" he "
                 "said.\n");
    int vell = find_ent(&r, "Tomas Vell");
    assert_true(vell >= 0);
    const char *he = strstr(r.a->text, "he said");
    assert_int_equal(mention_of(&r, "he", (size_t)(he - r.a->text), NULL), -1);
    done(&r);
}

/* The "he" of a speech verb is who the last sentence was about, not the
 * last name it mentioned. */
static void he_is_the_last_sentence_s_subject(void **state) {
    (void)state;
    run r;
    annotate(&r, "Jon Marsh stated that Tomas Vell had called the union on Monday.\n"
                 "\"The longer the crews wait,\" he added, \"the harder it gets.\"\n");
    int marsh = find_ent(&r, "Jon Marsh");
    assert_true(marsh >= 0);
    const char *he = strstr(r.a->text, "he added");
    assert_int_equal(mention_of(&r, "he", (size_t)(he - r.a->text), NULL), marsh);
    done(&r);
}

/* A name the text later calls "it" ("Kell says its offer stands") is no
 * "she" even where it is the last name before one. */
static void she_is_never_a_name_the_text_calls_it(void **state) {
    (void)state;
    run r;
    annotate(&r, "Kell says its offer stands.\n"
                 "The minister, Ada Brenn, says she booked the hall and that Kell agreed to "
                 "come. She told us she spoke with the union for an hour.\n");
    int brenn = find_ent(&r, "Ada Brenn");
    assert_true(brenn >= 0);
    const char *she = strstr(r.a->text, "She told");
    assert_int_equal(mention_of(&r, "She", (size_t)(she - r.a->text), NULL), brenn);
    done(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minister_and_short_form_are_one_person),
        cmocka_unit_test(she_is_never_a_name_the_text_calls_it),
        cmocka_unit_test(mentions_are_in_text_order_with_valid_entities),
        cmocka_unit_test(transcript_label_links_to_the_minister),
        cmocka_unit_test(description_links_to_the_person_with_that_role),
        cmocka_unit_test(sentence_initial_common_words_are_not_names),
        cmocka_unit_test(gazetteer_city_is_a_place),
        cmocka_unit_test(a_name_after_an_article_is_no_person),
        cmocka_unit_test(a_town_that_signs_players_is_a_club),
        cmocka_unit_test(names_that_run_over_punctuation),
        cmocka_unit_test(single_letters_and_greetings_are_no_names),
        cmocka_unit_test(a_name_referred_to_as_a_thing_is_an_organization),
        cmocka_unit_test(family_name_particles_stay_inside_the_name),
        cmocka_unit_test(a_first_name_links_to_the_speaker_label),
        cmocka_unit_test(organization_names_run_over_and_the_and_nesting),
        cmocka_unit_test(a_company_first_met_by_its_short_name),
        cmocka_unit_test(common_word_phrase_is_untyped_but_linked),
        cmocka_unit_test(a_job_without_a_name_is_no_entity),
        cmocka_unit_test(a_work_named_after_its_kind_is_other),
        cmocka_unit_test(events_are_other),
        cmocka_unit_test(a_plural_after_the_is_a_team),
        cmocka_unit_test(a_titled_person_of_a_body_splits),
        cmocka_unit_test(a_capitalized_name_is_no_team_verb),
        cmocka_unit_test(a_dictionary_given_name_alone_stays_a_person),
        cmocka_unit_test(a_club_prefix_makes_an_organization),
        cmocka_unit_test(places_after_a_plural_kind_of_place),
        cmocka_unit_test(a_peoples_word_before_a_name_is_no_part_of_it),
        cmocka_unit_test(what_a_body_is_for_is_part_of_its_name),
        cmocka_unit_test(a_name_said_to_be_a_kind_of_place_is_a_place),
        cmocka_unit_test(a_people_or_its_language_is_no_organization),
        cmocka_unit_test(a_given_name_before_a_common_word_surname_is_a_person),
        cmocka_unit_test(a_legal_form_after_a_comma_names_nothing_alone),
        cmocka_unit_test(a_named_time_is_no_body),
        cmocka_unit_test(common_words_first_met_bare_become_a_team_after_the),
        cmocka_unit_test(a_school_year_before_a_name_is_no_part_of_it),
        cmocka_unit_test(a_dj_prefix_makes_a_stage_name),
        cmocka_unit_test(an_all_honour_is_no_part_of_a_name),
        cmocka_unit_test(a_given_name_after_a_place_preposition_stays_a_person),
        cmocka_unit_test(a_union_is_named_whole_and_not_by_its_last_word),
        cmocka_unit_test(he_is_not_the_woman_just_named),
        cmocka_unit_test(he_is_the_last_sentence_s_subject),
        cmocka_unit_test(he_after_a_nameless_spokesman_is_nobody_named),
        cmocka_unit_test(hostile_input_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
