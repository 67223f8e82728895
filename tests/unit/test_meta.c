/* Unit tests for meta/: outlet host from URL, language guess. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "meta/meta.h"

static void host_is(const char *url, const char *want) {
    char out[64];
    int ok = sl_url_host(url, out, sizeof out);
    if (!want) {
        assert_int_equal(ok, 0);
        return;
    }
    assert_int_equal(ok, 1);
    assert_string_equal(out, want);
}

static void host_from_urls(void **state) {
    (void)state;
    host_is("https://www.MarrowBayGazette.example/news/ferry-strike?id=3#top",
            "marrowbaygazette.example");
    host_is("http://editor:secret@news.marrow.example:8080/a", "news.marrow.example");
    host_is("//cdn.harbour.example/img.png", "cdn.harbour.example");
    host_is("harbour.example/path", "harbour.example");
    host_is("https://WWW.Tide.Example./", "tide.example");
    host_is("https://wwwtide.example/", "wwwtide.example");
    host_is("", NULL);
    host_is("not a url", NULL);
    host_is("https:///nohost", NULL);
    host_is("https://[2001:db8::1]/x", NULL);
    char tiny[5];
    assert_int_equal(sl_url_host("https://long.example/", tiny, sizeof tiny), 0);
}

static void guess(const char *text, const char *want) {
    const char *got = sl_lang_guess(text, strlen(text));
    if (!want)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
}

static void european_languages(void **state) {
    (void)state;
    guess("The ferry crews of Marrow Bay walked out on Monday, and the union said that the "
          "strike would go on until the owners of the line agreed to talk with them about "
          "pay. Passengers were left on the quay for most of the day.",
          "en");
    guess("Die F\xC3\xA4hrleute von Marrow Bay haben am Montag die Arbeit niedergelegt, und "
          "die Gewerkschaft sagt, dass der Streik weitergeht, bis die Reederei mit ihnen "
          "\xC3\xBC" "ber den Lohn spricht. Die Passagiere warten noch auf dem Kai.",
          "de");
    guess("Les marins du ferry de Marrow Bay sont en gr\xC3\xA8ve depuis lundi, et le "
          "syndicat dit que la gr\xC3\xA8ve va durer tant que la compagnie ne veut pas "
          "parler des salaires avec eux. Les passagers attendent sur le quai.",
          "fr");
    guess("Los marineros del ferry de Marrow Bay est\xC3\xA1n en huelga desde el lunes, y el "
          "sindicato dice que la huelga seguir\xC3\xA1 hasta que la naviera hable con ellos "
          "sobre los salarios. Los pasajeros esperan en el muelle por la ma\xC3\xB1" "ana.",
          "es");
    guess("I marinai del traghetto di Marrow Bay sono in sciopero da luned\xC3\xAC, e il "
          "sindacato dice che lo sciopero non finir\xC3\xA0 finch\xC3\xA9 la compagnia non "
          "parler\xC3\xA0 con loro dei salari. I passeggeri aspettano sulla banchina con le "
          "valigie.",
          "it");
    guess("Os marinheiros do ferry de Marrow Bay est\xC3\xA3o em greve desde segunda, e o "
          "sindicato diz que a greve vai continuar at\xC3\xA9 que a empresa fale com eles "
          "sobre os sal\xC3\xA1rios. Os passageiros esperam no cais com as malas na m\xC3\xA3o.",
          "pt");
    guess("De bemanning van de veerboot in Marrow Bay staakt sinds maandag, en de bond zegt "
          "dat de staking doorgaat tot de rederij met hen over het loon wil praten. De "
          "passagiers wachten op de kade en er is nog geen oplossing.",
          "nl");
    guess("Färjans besättning i Marrow Bay har strejkat sedan måndag, och facket säger att "
          "strejken ska fortsätta till dess att rederiet vill tala med dem om lönen. "
          "Passagerarna väntar på kajen och det finns inte någon lösning än.",
          "sv");
    guess("Færgens besætning i Marrow Bay har strejket siden mandag, og fagforeningen siger "
          "at strejken vil fortsætte indtil rederiet vil tale med dem om lønnen. "
          "Passagererne venter på kajen, og der er ikke nogen løsning endnu, men det blev "
          "sagt at der er meget at tale om nu.",
          "da");
    guess("Fergens mannskap i Marrow Bay har streiket siden mandag, og fagforeningen sier at "
          "streiken vil fortsette til rederiet vil snakke med dem om lønnen. Passasjerene "
          "venter på kaia, og det er ikke noen løsning ennå, men det ble sagt at det er mye "
          "å snakke om nå.",
          "no");
    guess("Załoga promu w Marrow Bay strajkuje od poniedziałku, a związek mówi, że strajk "
          "będzie trwał, dopóki armator nie zacznie z nimi rozmawiać o płacach. Pasażerowie "
          "czekają na nabrzeżu i nie jest jasne, jak długo to potrwa.",
          "pl");
}

static void scripts(void **state) {
    (void)state;
    /* Russian: "The ferry does not run for the third day. The crew is on strike, and the
     * town waits for news from the port, but there is no news yet." (x2) */
    const char *ru = "\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC \xD0\xBD\xD0\xB5 "
                     "\xD1\x85\xD0\xBE\xD0\xB4\xD0\xB8\xD1\x82 \xD1\x83\xD0\xB6\xD0\xB5 "
                     "\xD1\x82\xD1\x80\xD0\xB5\xD1\x82\xD0\xB8\xD0\xB9 \xD0\xB4\xD0\xB5\xD0\xBD\xD1\x8C. "
                     "\xD0\x9A\xD0\xBE\xD0\xBC\xD0\xB0\xD0\xBD\xD0\xB4\xD0\xB0 "
                     "\xD0\xB1\xD0\xB0\xD1\x81\xD1\x82\xD1\x83\xD0\xB5\xD1\x82, \xD0\xB8 "
                     "\xD0\xB3\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4 \xD0\xB6\xD0\xB4\xD1\x91\xD1\x82 "
                     "\xD0\xB2\xD0\xB5\xD1\x81\xD1\x82\xD0\xB5\xD0\xB9 \xD0\xB8\xD0\xB7 "
                     "\xD0\xBF\xD0\xBE\xD1\x80\xD1\x82\xD0\xB0, \xD0\xBD\xD0\xBE "
                     "\xD0\xB2\xD0\xB5\xD1\x81\xD1\x82\xD0\xB5\xD0\xB9 \xD0\xBF\xD0\xBE\xD0\xBA\xD0\xB0 "
                     "\xD0\xBD\xD0\xB5\xD1\x82. "
                     "\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC \xD0\xBD\xD0\xB5 "
                     "\xD1\x85\xD0\xBE\xD0\xB4\xD0\xB8\xD1\x82 \xD1\x83\xD0\xB6\xD0\xB5 "
                     "\xD1\x82\xD1\x80\xD0\xB5\xD1\x82\xD0\xB8\xD0\xB9 \xD0\xB4\xD0\xB5\xD0\xBD\xD1\x8C, "
                     "\xD0\xB8 \xD0\xB2 \xD0\xBF\xD0\xBE\xD1\x80\xD1\x82\xD1\x83 \xD1\x82\xD0\xB8\xD1\x85\xD0\xBE.";
    guess(ru, "ru");
    /* Greek, Hebrew, Japanese, Chinese, Korean by script (letters repeated) */
    char buf[2048];
    const struct {
        const char *unit, *lang;
    } cases[] = {
        {"\xCE\xBB\xCE\xB9\xCE\xBC\xCE\xAC\xCE\xBD\xCE\xB9 ", "el"}, /* λιμάνι */
        {"\xD7\xA0\xD7\x9E\xD7\x9C ", "he"},                          /* נמל */
        {"\xE6\xB8\xAF\xE3\x81\xAE\xE3\x83\x95\xE3\x82\xA7\xE3\x83\xAA\xE3\x83\xBC\xE3\x81\xAF",
         "ja"},                                                        /* 港のフェリーは */
        {"\xE6\xB8\xA1\xE8\xBD\xAE\xE5\xB7\xA5\xE4\xBA\xBA\xE7\xBD\xA2\xE5\xB7\xA5", "zh"},
        {"\xED\x95\xAD\xEA\xB5\xAC \xEB\xB0\xB0 ", "ko"},             /* 항구 배 */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        buf[0] = 0;
        for (int i = 0; i < 25; i++)
            strcat(buf, cases[c].unit);
        guess(buf, cases[c].lang);
    }
}

static void too_little_or_unclear_text(void **state) {
    (void)state;
    guess("Ferry strike enters third week.", NULL);
    guess("", NULL);
    guess("12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34", NULL);
    guess("Marrow Bay Kowalczyk Tidewater Quayside Harbourmaster Pierhead Saltmarsh "
          "Breakwater Lighthouse Seawall Jetty Gangway Mooring Ballast Rigging Keel Hull "
          "Stern Bow Mast Deck Helm",
          NULL);
    assert_null(sl_lang_guess(NULL, 10));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_from_urls),
        cmocka_unit_test(european_languages),
        cmocka_unit_test(scripts),
        cmocka_unit_test(too_little_or_unclear_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
