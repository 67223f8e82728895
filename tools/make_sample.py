#!/usr/bin/env python3
"""make_sample.py — writes the bundled sample (sample/) from the story below.

The sample is a fictional ferry strike in the invented town of Marrow Bay,
told by nine invented outlets between March 6 and March 17, 2023, in every
input format storyline reads. Every article lives in this file as readable
text; the script turns it into the byte-exact files the readers meet in the
wild: pages with their site chrome, a windows-1252 page, news-please and
trafilatura JSONL dumps, a radio transcript scrape, header-style text, and
WARC / per-record-gzip WARC.gz crawls with computed lengths and digests.

Python 3 standard library only and deterministic (no clock, no randomness):
running it twice gives the same bytes, and its outputs are committed so the
sample works without Python.

    tools/make_sample.py                 # rewrite sample/ in the repo
    tools/make_sample.py --out DIR       # write the files under DIR instead
    tools/make_sample.py --check         # exit 1 if sample/ differs from this file
"""

import argparse
import base64
import gzip
import hashlib
import html
import json
import os
import sys
import tempfile
import uuid

# --------------------------------------------------------------- helpers


def esc(s):
    """Text into HTML, keeping quotes literal as real pages do."""
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def para_html(p):
    """A paragraph spec is plain text, ("h2", text), ("quote", text),
    ("list", [items]) or ("raw", html). Plain text may hold inline HTML
    written as <a ...> etc. (already escaped by the author)."""
    if isinstance(p, str):
        return "<p>%s</p>" % p
    kind, body = p
    if kind == "h2":
        return "<h2>%s</h2>" % esc(body)
    if kind == "quote":
        return '<blockquote class="pull-quote"><p>%s</p></blockquote>' % esc(body)
    if kind == "list":
        return "<ul>\n%s\n</ul>" % "\n".join("  <li>%s</li>" % i for i in body)
    if kind == "raw":
        return body
    raise ValueError(kind)


def jsonld(obj):
    return ('<script type="application/ld+json">\n%s\n</script>'
            % json.dumps(obj, indent=2, ensure_ascii=False))


def uuid_for(key):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "marrow-bay-sample/" + key)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


# --------------------------------------------------------------- outlets
#
# Each outlet has its own page chrome: menus, share bars, cookie banners,
# related links, newsletter boxes and footers that an extractor must drop.

def courier_page(a):
    """Marrow Bay Courier: local daily, JSON-LD NewsArticle."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["standfirst"],
        "datePublished": a["published"],
        "dateModified": a["modified"],
        "author": [{"@type": "Person", "name": a["author"],
                    "url": "https://www.marrowbaycourier.example/staff/" +
                    a["author"].lower().replace(" ", "-")}],
        "publisher": {"@type": "Organization", "name": "Marrow Bay Courier",
                      "logo": {"@type": "ImageObject",
                               "url": "https://www.marrowbaycourier.example/static/logo-600.png"}},
        "mainEntityOfPage": a["url"],
        "image": ["https://cdn.marrowbaycourier.example/img/%s-1200.jpg" % a["slug"]],
        "articleSection": "Harbor",
        "inLanguage": "en-US",
    }
    body = "\n".join(para_html(p) for p in a["body"])
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} | Marrow Bay Courier</title>
<meta name="description" content="{attr(a["standfirst"])}">
<link rel="canonical" href="{a["url"]}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Marrow Bay Courier">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:url" content="{a["url"]}">
<meta property="og:image" content="https://cdn.marrowbaycourier.example/img/{a["slug"]}-1200.jpg">
<meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="/static/css/site.4f1c2a.css">
{jsonld(ld)}
<script>
  window.mbcAds = window.mbcAds || {{slots: ["top-leaderboard", "mid-article", "sidebar-1"]}};
  window.mbcAds.section = "harbor";
</script>
<style>.cookie-consent{{position:fixed;bottom:0}}.share-bar li{{display:inline}}</style>
</head>
<body class="article-page section-harbor">
<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to improve your experience on our site and to show you relevant advertising. Read our cookie policy to find out more.</p>
  <button type="button" class="accept">Accept all cookies</button>
  <button type="button" class="manage">Manage preferences</button>
</div>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="top-strip"><span class="weather">Marrow Bay 48&deg;F Showers</span> <a href="/account/login">Sign in</a> <a class="cta" href="/subscribe">Subscribe from $1 a week</a></div>
  <a class="logo" href="/"><img src="/static/logo.svg" alt="Marrow Bay Courier"></a>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/news/">News</a></li>
      <li><a href="/news/harbor/">Harbor</a></li>
      <li><a href="/sport/">Sport</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/opinion/">Opinion</a></li>
      <li><a href="/whats-on/">What's On</a></li>
      <li><a href="/obituaries/">Obituaries</a></li>
      <li><a href="/e-edition/">E-edition</a></li>
    </ul>
  </nav>
</header>
<main id="main">
  <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/news/">News</a> &rsaquo; <a href="/news/harbor/">Harbor</a></nav>
  <article class="story">
    <h1 class="headline">{esc(a["title"])}</h1>
    <p class="standfirst">{esc(a["standfirst"])}</p>
    <div class="byline">By <a rel="author" href="/staff/{a["author"].lower().replace(" ", "-")}">{esc(a["author"])}</a>, {esc(a["author_role"])} <span class="dateline">{esc(a["shown_date"])}</span></div>
    <ul class="share-bar" aria-label="Share this article">
      <li><a href="https://facebook.example/share?u={a["url"]}">Share on Facebook</a></li>
      <li><a href="https://x.example/intent?u={a["url"]}">Share on X</a></li>
      <li><a href="whatsapp://send?text={a["url"]}">Share on WhatsApp</a></li>
      <li><a href="mailto:?subject=From%20the%20Courier">Email this article</a></li>
    </ul>
    <figure class="lead-image">
      <img src="https://cdn.marrowbaycourier.example/img/{a["slug"]}-800.jpg" alt="{attr(a["image_alt"])}">
      <figcaption>{esc(a["caption"])} <span class="credit">Photo: Courier staff</span></figcaption>
    </figure>
    <div class="article-body">
{body}
    </div>
    <aside class="newsletter-box">
      <h3>Get the Courier Morning Briefing</h3>
      <p>The harbor, the council and the weather, in your inbox by 7 a.m.</p>
      <form action="/newsletter"><input type="email" placeholder="Your email"><button>Sign up</button></form>
    </aside>
    <div class="ad-slot" id="mid-article"><span class="ad-label">Advertisement</span></div>
  </article>
  <section class="related" aria-label="Related stories">
    <h2>Related stories</h2>
    <ul>
      <li><a href="/news/harbor/bayline-record-summer-passenger-numbers-17733">Bayline reports record summer passenger numbers</a></li>
      <li><a href="/news/harbor/north-quay-repairs-finish-early-17901">North quay repairs finish two weeks early</a></li>
      <li><a href="/opinion/the-island-deserves-a-second-operator-18011">Opinion: The island deserves a second operator</a></li>
    </ul>
  </section>
</main>
<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="/about">About us</a></li>
    <li><a href="/contact">Contact the newsroom</a></li>
    <li><a href="/advertise">Advertise with us</a></li>
    <li><a href="/privacy">Privacy policy</a></li>
    <li><a href="/cookies">Cookie policy</a></li>
  </ul>
  <p class="copyright">&copy; 2024 Marrow Bay Courier Ltd. All rights reserved.</p>
</footer>
<script src="/static/js/site.9a7e01.js" defer></script>
</body>
</html>
"""


def coastline_page(a, meta_charset):
    """Coastline Today: statewide news site, only article:published_time.
    Served as windows-1252; meta_charset=False leaves only the HTTP header
    to say so (the WARC copy)."""
    cs = '<meta charset="windows-1252">\n' if meta_charset else ""
    body = "\n".join(para_html(p) for p in a["body"])
    return f"""<!doctype html>
<html lang="en">
<head>
{cs}<title>{esc(a["title"])} – Coastline Today</title>
<meta name="description" content="{attr(a["standfirst"])}">
<meta name="author" content="{attr(a["author"])}">
<meta property="og:site_name" content="Coastline Today">
<meta property="og:title" content="{attr(a["title"])}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{a["published"]}">
<meta property="article:section" content="Regional">
<link rel="canonical" href="{a["url"]}">
<script async src="https://tags.coastlinetoday.example/ct-analytics.js"></script>
<script>var ctConfig = {{"page":"article","paywall":"metered","freeLeft":3}};</script>
</head>
<body>
<div class="gdpr-notice">
  This site uses cookies. By continuing to browse you agree to our use of cookies.
  <a href="/legal/cookies">Learn more</a> <button>Got it</button>
</div>
<div class="masthead">
  <a href="/" class="brand">COASTLINE TODAY</a>
  <span class="tagline">News from every harbor on the coast</span>
  <div class="menu">
    <a href="/">Home</a> · <a href="/regional/">Regional</a> · <a href="/politics/">Politics</a> ·
    <a href="/business/">Business</a> · <a href="/weather/">Weather</a> · <a href="/podcasts/">Podcasts</a> ·
    <a href="/subscribe/">Subscribe</a>
  </div>
</div>
<div class="container">
<div class="content">
  <div class="kicker">MARROW BAY</div>
  <h1>{esc(a["title"])}</h1>
  <div class="dek">{esc(a["standfirst"])}</div>
  <div class="author-line">By {esc(a["author"])} · {esc(a["author_role"])}</div>
  <div class="social">
    <a class="fb" href="#">Facebook</a> <a class="tw" href="#">Tweet</a> <a class="mail" href="#">Email</a> <a class="print" href="#">Print</a>
  </div>
  <div class="story-text">
{body}
  </div>
  <div class="paywall-note">You have 3 free articles left this month. <a href="/subscribe/">Subscribe now</a> for unlimited access.</div>
  <div class="tags">Topics: <a href="/topic/ferries">Ferries</a>, <a href="/topic/labor">Labor</a>, <a href="/topic/corran-island">Corran Island</a></div>
</div>
<div class="sidebar">
  <h3>Most read</h3>
  <ol>
    <li><a href="/weather/storm-warning-for-the-outer-coast">Storm warning for the outer coast this weekend</a></li>
    <li><a href="/business/cannery-to-reopen-in-june">Old cannery to reopen as a food hall in June</a></li>
    <li><a href="/politics/budget-vote-delayed">Regional budget vote delayed again</a></li>
  </ol>
  <div class="ad">Advertisement</div>
</div>
</div>
<div class="footer">
  <p>Coastline Today · 14 Pier Street, Port Aske · <a href="/contact/">Contact</a> · <a href="/legal/terms/">Terms of use</a> · <a href="/legal/privacy/">Privacy</a></p>
  <p>© Coastline Today Media Group 2024. All rights reserved.</p>
</div>
</body>
</html>
"""


def corran_page(a, canonical):
    """Corran Island Notes: a blog; the date is only in the URL."""
    body = "\n".join(para_html(p) for p in a["body"])
    canon = f'<link rel="canonical" href="{a["url"]}">\n' if canonical else ""
    comments = "\n".join(
        f"""  <li class="comment"><div class="comment-author">{esc(c[0])} says:</div>
    <div class="comment-meta">{esc(c[1])}</div>
    <p>{esc(c[2])}</p>
    <a class="comment-reply-link" href="#respond">Reply</a></li>""" for c in a["comments"])
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} &#8211; Corran Island Notes</title>
{canon}<link rel="alternate" type="application/rss+xml" title="Corran Island Notes &raquo; Feed" href="https://corranislandnotes.example/feed/">
<meta name="generator" content="Hearth 2.4">
<style id="hearth-inline">body{{font-family:Georgia,serif}}.site-title a{{color:#234}}</style>
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
  <p class="site-title"><a href="https://corranislandnotes.example/" rel="home">Corran Island Notes</a></p>
  <p class="site-description">Life, weather and boats on a small island</p>
  <nav id="site-navigation" class="main-navigation">
    <ul id="primary-menu" class="menu">
      <li><a href="https://corranislandnotes.example/">Home</a></li>
      <li><a href="https://corranislandnotes.example/about/">About</a></li>
      <li><a href="https://corranislandnotes.example/boat-times/">Boat times</a></li>
      <li><a href="https://corranislandnotes.example/the-cafe/">The café</a></li>
      <li><a href="https://corranislandnotes.example/contact/">Contact</a></li>
    </ul>
  </nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry category-island-life">
  <header class="entry-header">
    <h1 class="entry-title">{esc(a["title"])}</h1>
    <div class="entry-meta"><span class="byline">by <span class="author vcard">{esc(a["author"])}</span></span></div>
  </header>
  <div class="entry-content">
{body}
    <div class="sharedaddy">
      <h3 class="sd-title">Share this:</h3>
      <ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">Email</a></li><li><a href="#">Print</a></li></ul>
    </div>
    <div class="like-widget"><h3>Like this:</h3><span>Like</span> <span>Loading…</span></div>
  </div>
  <footer class="entry-footer">
    <span class="cat-links">Posted in <a href="/category/island-life/" rel="category tag">Island life</a></span>
    <span class="tags-links">Tagged <a href="/tag/ferry/">ferry</a>, <a href="/tag/strike/">strike</a>, <a href="/tag/bayline/">Bayline</a></span>
  </footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts">
  <div class="nav-previous"><a href="{a["prev_url"]}" rel="prev">&larr; {esc(a["prev_title"])}</a></div>
</nav>
<div id="comments" class="comments-area">
  <h2 class="comments-title">{len(a["comments"])} thoughts on &ldquo;{esc(a["title"])}&rdquo;</h2>
  <ol class="comment-list">
{comments}
  </ol>
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
    <p>Your email address will not be published. Required fields are marked *</p>
    <form><textarea name="comment"></textarea><button>Post Comment</button></form>
  </div>
</div>
</main>
<aside id="secondary" class="widget-area">
  <section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
    <ul><li><a href="{a["prev_url"]}">{esc(a["prev_title"])}</a></li><li><a href="/2023/02/19/seal-pups-on-the-north-beach/">Seal pups on the north beach</a></li><li><a href="/2023/02/02/a-new-oven-at-last/">A new oven, at last</a></li></ul>
  </section>
  <section class="widget widget_archive"><h2 class="widget-title">Archives</h2>
    <ul><li><a href="/2023/03/">March 2023</a></li><li><a href="/2023/02/">February 2023</a></li><li><a href="/2023/01/">January 2023</a></li></ul>
  </section>
</aside>
</div>
<footer id="colophon" class="site-footer">
  <div class="site-info">Corran Island Notes · Powered by Hearth · Theme: Driftwood</div>
</footer>
</div>
</body>
</html>
"""


def kmbr_page(a):
    """KMBR Public Radio's website: audio player chrome like the scrapes."""
    body = "\n".join(para_html(p) for p in a["body"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} | KMBR Public Radio</title>
<meta property="og:site_name" content="KMBR Public Radio">
<meta property="og:title" content="{attr(a["title"])}">
<meta name="author" content="{attr(a["author"])}">
<link rel="canonical" href="{a["url"]}">
</head>
<body>
<div class="station-bar">
  <span class="copyright">© 2024 KMBR Public Radio</span>
  <span class="station-tag">North Coast News, Music and Conversation</span>
  <div class="player"><button>Play Live Radio</button> <span class="next-up">Next Up:</span> <span class="time">0:00 0:00</span> <a href="/stations">Available On Air Stations</a></div>
  <a class="donate" href="/donate">Donate</a>
</div>
<nav class="primary"><a href="/news">News</a> <a href="/programs">Programs</a> <a href="/schedule">Schedule</a> <a href="/podcasts">Podcasts</a> <a href="/support">Support KMBR</a></nav>
<main>
<article>
  <h1>{esc(a["title"])}</h1>
  <p class="byline">{esc(a["author"])}</p>
  <p class="pubdate"><time datetime="{a["published"]}">Published {esc(a["shown_date"])}</time></p>
  <div class="audio-module"><button>Listen</button> <span>• 3:42</span></div>
{body}
</article>
<div class="bio">
  <p>{esc(a["bio"])}</p>
  <p>See stories by {esc(a["author"])}</p>
</div>
</main>
<footer>
  <p>KMBR is a listener-supported public radio station serving Marrow Bay and the North Coast.</p>
  <p>Copyright © 2024 KMBR Public Radio · <a href="/privacy">Privacy</a> · <a href="/fcc">FCC Public Files</a></p>
</footer>
</body>
</html>
"""


def meridian_page(a):
    """Meridian Wire's own site: JSON-LD, wire dateline."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "datePublished": a["published"],
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": "Meridian Wire"},
    }
    body = "\n".join(para_html(p) for p in a["body"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} - Meridian Wire</title>
<meta property="og:site_name" content="Meridian Wire">
{jsonld(ld)}
</head>
<body>
<header><a href="/" class="wordmark">MERIDIAN WIRE</a>
<nav><a href="/world">World</a> | <a href="/national">National</a> | <a href="/business">Business</a> | <a href="/markets">Markets</a> | <a href="/licensing">Licensing</a></nav></header>
<div class="cookie-bar">Meridian Wire and our partners use cookies. <a href="/cookies">Settings</a> <button>Accept</button></div>
<main>
<article>
<h1>{esc(a["title"])}</h1>
<div class="meta"><span class="author">By {esc(a["author"])}</span> <span class="reading-time">4 min read</span></div>
{body}
<p class="trust">Our standards: <a href="/trust-principles">The Meridian Wire Trust Principles.</a></p>
</article>
<aside class="more"><h2>More from Meridian Wire</h2>
<ul><li><a href="/business/port-aske-container-volumes">Port Aske container volumes climb for third month</a></li>
<li><a href="/national/rail-fares-review">Rail fares review due in April</a></li></ul></aside>
</main>
<footer><p>© 2024 Meridian Wire. All rights reserved. Republication or redistribution of Meridian Wire content is prohibited without prior written consent.</p></footer>
</body>
</html>
"""


def ledger_page(a):
    """The Northern Ledger's site: <time itemprop="datePublished">."""
    body = "\n".join(para_html(p) for p in a["body"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:title" content="{attr(a["title"])}">
</head>
<body>
<div id="top-nav"><a href="/">The Northern Ledger</a> <a href="/region">Region</a> <a href="/state">State</a> <a href="/sports">Sports</a> <a href="/puzzles">Puzzles</a> <a href="/login">Log in</a></div>
<div class="breaking">Live updates: Port Aske council budget vote</div>
<main itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(a["title"])}</h1>
<p class="info"><span itemprop="author">{esc(a["author"])}</span> · <time itemprop="datePublished" datetime="{a["published"]}">{esc(a["shown_date"])}</time></p>
<div itemprop="articleBody">
{body}
</div>
<p class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Copy link</a></p>
<section class="read-next"><h2>Read next</h2><a href="/region/port-aske-budget">Port Aske budget gap widens</a></section>
</main>
<footer>© 2024 The Northern Ledger. All rights reserved. <a href="/terms">Terms</a></footer>
</body>
</html>
"""


# ----------------------------------------------------------- the articles
# Every name, outlet, place and number below is invented.

COURIER_VOTE = {
    "slug": "ferry-workers-vote-to-strike",
    "url": "https://www.marrowbaycourier.example/news/harbor/ferry-workers-vote-to-strike-from-wednesday-18204",
    "title": "Ferry workers vote to strike from Wednesday",
    "standfirst": "Crews on the Corran Island route will walk out at 5 a.m. after rejecting Bayline's pay offer",
    "published": "2023-03-06T10:40:00-08:00",
    "modified": "2023-03-06T13:05:00-08:00",
    "shown_date": "March 6, 2023 at 10:40 a.m.",
    "author": "Nell Hardcastle",
    "author_role": "Harbor Reporter",
    "image_alt": "Ferries tied up at the north quay",
    "caption": "Two Bayline ferries at the north quay in Marrow Bay on Monday.",
    "body": [
        'Ferry workers in Marrow Bay will strike from 5 a.m. on Wednesday after union members voted to reject a pay offer from <a href="/topic/bayline-ferries">Bayline Ferries</a>, the company that runs every scheduled sailing between the town and Corran Island.',
        "Of the 212 deckhands, engineers and ticket staff balloted by the Harbor and Ferry Workers' Union, 87 percent voted for a strike on a turnout of 91 percent, the union said on Monday morning.",
        '"Nobody on those boats wants to leave the island without a ferry," said Dara Whelan, the union\'s general secretary, speaking outside the union hall on Quay Street. "But we have been talking since October and Bayline has moved once."',
        ("h2", '"Fair and final"'),
        "Bayline has offered a 4.5 percent raise this year. The union is asking for 9 percent, pointing to rents in Marrow Bay that it says have risen by a third since 2019.",
        'Graham Ostrow, Bayline\'s chief executive, called the offer "fair and final" and said the company would run no sailings during a strike. "We will not put a boat out without a full crew. Safety comes first," he said.',
        "Passengers holding tickets for Wednesday or later can claim a refund at the terminal or online, the company said.",
        'The regional transport minister, Ilse Vandermeer, urged both sides to keep talking. "There is still time to avoid this, and I expect both parties to use it," she said in a statement.',
        "The last strike on the route, in 2011, lasted three days.",
    ],
}

COURIER_TALKS = {
    "slug": "talks-open-in-port-aske",
    "url": "https://www.marrowbaycourier.example/news/harbor/talks-open-in-port-aske-as-island-shelves-run-low-18391",
    "title": "Talks open in Port Aske as island shelves run low",
    "standfirst": "Bayline and the ferry union sit down with the minister on the seventh day of the strike",
    "published": "2023-03-14T07:05:00-07:00",
    "modified": "2023-03-14T09:30:00-07:00",
    "shown_date": "March 14, 2023 at 7:05 a.m.",
    "author": "Nell Hardcastle",
    "author_role": "Harbor Reporter",
    "image_alt": "Empty shelves in a grocery store",
    "caption": "Empty bread shelves at the Corran Island grocery on Monday.",
    "body": [
        "Negotiators for Bayline Ferries and the Harbor and Ferry Workers' Union were due to meet Transport Minister Ilse Vandermeer in Port Aske on Tuesday morning, as the strike that has stopped every sailing to Corran Island entered its seventh day.",
        "Vandermeer has booked the regional transport office for the day and told reporters on Monday she would keep both sides there \"as long as it takes\".",
        ("quote", "As long as it takes."),
        "Dara Whelan, the union's general secretary, arrived at the Marrow Bay terminal at 6 a.m. to board a fishing boat to Port Aske with three members of her negotiating team. She said the union would listen to any new offer but would not suspend the strike while talks went on.",
        "Bayline's chief executive, Graham Ostrow, drove up the coast road on Monday night. The company said it would bring \"a constructive proposal\" but would not say whether it included more money.",
        ("h2", "Milk by fishing boat"),
        "On the island, the grocery on Main Street received its first delivery in a week on Monday, carried over by the fishing cooperative in crates stacked on deck. It sold out of milk within two hours.",
        '"We had people waiting on the landing," said Aileen Moody, who owns the shop. "I have never seen anything like it, and I have been here through three winters of storms."',
        "The island council said on Monday that it was still housing 37 stranded travelers in the school gym on Harbor Road.",
    ],
}

COASTLINE_HALTED = {
    "url": "https://www.coastlinetoday.example/regional/marrow-bay-ferries-halted-as-crews-walk-out",
    "title": "Marrow Bay ferries halted as crews walk out",
    "standfirst": "Corran Island loses its only scheduled link to the mainland as a pay dispute turns into an open-ended strike",
    "published": "2023-03-08T07:30:00-08:00",
    "author": "Priya Raman",
    "author_role": "Regional Correspondent",
    "body": [
        "Not a single ferry left Marrow Bay on Wednesday as crews on the Corran Island route began an open-ended strike over pay, leaving islanders without their only scheduled link to the mainland.",
        "Picket lines formed at the north quay before dawn. By 7 a.m. about 60 workers, many in Bayline’s orange storm jackets, stood behind a banner that read “Fair pay for the crossing.”",
        "“We’re not here because we like standing in the rain,” said deckhand Tomás Reyes, who has worked the route for 14 years. “We’re here because the rent went up again and the pay didn’t.”",
        "Bayline Ferries said it had canceled every crossing until further notice. The company runs six vessels on the 40-minute route, which carries about 3,000 people a day in winter.",
        "Transport Minister Ilse van der Meer said she was “deeply concerned” and would speak to both sides within days. “Corran Island cannot be cut off for weeks – not in March, not ever,” she said.",
        "On the island, the line outside the only grocery stretched past the post office by mid-morning. “People are buying as if a storm is coming,” said shop owner Aileen Moody. “Bread, batteries, cat food…”",
        "The union wants a 9% raise; Bayline has offered 4.5%. The company’s chief executive, Graham Ostrow, said the gap was “too wide to bridge with goodwill alone.”",
    ],
}

COASTLINE_NIGHT = {
    "url": "https://www.coastlinetoday.example/regional/ferry-talks-run-into-the-night",
    "title": "Ferry talks set to run into the night as minister pushes for a deal",
    "standfirst": "A second day in Port Aske ends without an agreement, but both sides stay at the table",
    "published": "2023-03-15T15:10:00-07:00",
    "author": "Priya Raman",
    "author_role": "Regional Correspondent",
    "body": [
        "Talks to end the Marrow Bay ferry strike were set to run late into Wednesday night, the second day of negotiations in Port Aske, with neither side willing to leave the building without a deal.",
        "Transport Minister Ilse van der Meer, who has chaired both days, told reporters in the lobby that the gap had “narrowed a great deal” but that “a narrow gap is still a gap.”",
        "People close to the talks said Bayline Ferries had moved from its 4.5% offer towards a two-year deal, and that the Harbor and Ferry Workers’ Union had dropped its demand for 9% in a single year.",
        "Union leader Dara Whelan stepped outside once, shortly after 1 p.m., to speak to members on the phone. “Nobody is celebrating,” she said. “We’re still here, and so are they.”",
        "Bayline’s chief executive, Graham Ostrow, said only that the company wanted “the boats running by the weekend.”",
        "Corran Island’s council chair, Bernadette Quill, said islanders were following every update. “Half the island is refreshing the same web page,” she said.",
    ],
}

CORRAN_DAY_FOUR = {
    "url": "https://corranislandnotes.example/2023/03/11/day-four-on-the-island/",
    "title": "Day four: notes from the island side of the strike",
    "author": "Maeve Sorley",
    "prev_url": "https://corranislandnotes.example/2023/03/07/no-boat-tomorrow/",
    "prev_title": "No boat tomorrow",
    "comments": [
        ("Jenna K.", "March 11, 2023 at 7:02 pm",
         "Thank you for writing this. My mother is stuck at her sister's and this is the only clear picture we've had."),
        ("Rob from the north end", "March 11, 2023 at 8:40 pm",
         "The co-op boat is taking prescriptions too if you ask nicely."),
        ("Maeve Sorley", "March 11, 2023 at 9:15 pm", "Good to know, Rob, thank you!"),
    ],
    "body": [
        "It is Saturday, the fourth day without a ferry, and the island has settled into a strange, slow routine. I opened the café at eight as usual. By nine I had sold out of bread, and by ten I had run out of new things to say about the weather.",
        "The council's latest count is that 1,400 people are stuck here who meant to be somewhere else: day visitors who came for the seal colony, two school basketball teams, most of a wedding party, and a lot of people who came over for a dentist appointment and a sandwich.",
        "The fishing boats are taking hospital cases across. Everyone else waits.",
        "I heard Ilse van der Meer on the radio yesterday saying that two days in one room is better than two weeks of statements. I agree with her, and I hope she is right that both sides will turn up with something new.",
        "I have known Dara Whelan since we were kids on the same school boat. She is not going to fold, and honestly, the crews I know are not asking for much. They want to be able to live in the town they sail from.",
        ("h2", "Some practical things, since people keep asking"),
        ("list", [
            "The school gym on Harbor Road is open for anyone who needs a bed.",
            "The fishing cooperative takes medical cases only: call the island nurse first.",
            "The grocery expects a delivery by fishing boat on Monday.",
            "The café stays open until four, and the coffee for stranded visitors is on the house.",
        ]),
        "I will post again when there is news. Be kind to each other.",
    ],
}

CORRAN_BACK = {
    "url": "https://corranislandnotes.example/2023/03/17/the-ferry-is-back/",
    "title": "The ferry is back",
    "author": "Maeve Sorley",
    "prev_url": "https://corranislandnotes.example/2023/03/11/day-four-on-the-island/",
    "prev_title": "Day four: notes from the island side of the strike",
    "comments": [
        ("Jenna K.", "March 17, 2023 at 10:31 am", "Mum is home. Thank you for all the updates."),
    ],
    "body": [
        "Nine days without a boat, and then on Thursday afternoon there it was, coming round the point at ten to three with its horn going and half the island on the landing to meet it.",
        "I cried a little. So did the man next to me, who I think was one of the stranded wedding guests finally going home.",
        "The deal, as far as I understand it, gives the crews 6.5 percent over two years. Nobody on the quay was talking about percentages, though. They were talking about the weather, which is how you know things are back to normal.",
        "Thank you to the fishing cooperative, the school, the nurse, and everyone who shared a spare room. Thank you to Dara and the crews, too. The café is open as usual, and the bread is back.",
    ],
}

KMBR_SUSPENDED = {
    "url": "https://www.kmbr.example/news/transportation/marrow-bay-ferry-strike-suspended-after-overnight-deal",
    "title": "Marrow Bay ferry strike suspended after overnight deal",
    "author": "Nina Okafor",
    "published": "2023-03-16T06:45:00-07:00",
    "shown_date": "March 16, 2023 at 6:45 AM PDT",
    "bio": "Nina Okafor covers transportation and the waterfront for KMBR.",
    "body": [
        "The strike that stopped every ferry between Marrow Bay and Corran Island for more than a week is over, at least for now.",
        "Negotiators for Bayline Ferries and the Harbor and Ferry Workers' Union reached an outline agreement shortly after 2 a.m. Thursday in Port Aske, on the second night of talks chaired by Transport Minister Ilse van der Meer.",
        "The union says its members will return to work at noon, and Bayline expects the first sailing to leave Marrow Bay at 2 p.m.",
        "Under the deal, crews get a 4% raise this year and 2.5% next year. Union members still have to vote on it.",
        "\"It's not everything we asked for, but it's a lot more than we were offered,\" union leader Dara Whelan told KMBR outside the transport office. \"Our people can go home and sleep.\"",
        "Van der Meer said both sides had \"done the hard thing and met in the middle.\"",
    ],
}

MERIDIAN_ENDS = {
    "url": "https://www.meridianwire.example/national/marrow-bay-ferry-strike-ends-with-two-year-pay-deal-idMW2316",
    "title": "Marrow Bay ferry strike ends with two-year pay deal",
    "author": "Jonah Mertz",
    "published": "2023-03-16T09:30:00-07:00",
    "body": [
        "MARROW BAY (Meridian Wire) — Ferry workers in Marrow Bay agreed on Thursday to end an eight-day strike that left about 1,200 people stranded on Corran Island, after the union and operator Bayline Ferries accepted a two-year pay deal brokered by the regional government.",
        "The agreement gives crews a 4 percent raise this year and 2.5 percent in 2024, a total of 6.5 percent, against the 4.5 percent Bayline had called its final offer before the strike.",
        "\"This was two days of hard talking and one very long night,\" Transport Minister Ilse Vandermeer said in Port Aske. \"Both sides gave something. That is what a settlement looks like.\"",
        "Dara Whelan, general secretary of the Harbor and Ferry Workers' Union, said the deal would be put to a vote of members next week and that she would recommend it.",
        "Bayline chief executive Graham Ostrow said the company would not raise fares this year to pay for the deal.",
        "Sailings resume on Thursday afternoon. Bayline said tickets for canceled crossings would be refunded in full.",
    ],
}

LEDGER_FIRST_FERRY = {
    "url": "https://www.northernledger.example/region/first-corran-ferry-sails-with-a-full-deck",
    "title": "First Corran ferry in eight days sails with a full deck",
    "author": "Sam Whitcombe",
    "published": "2023-03-16T15:20:00-07:00",
    "shown_date": "March 16, 2023",
    "body": [
        "The Bayline ferry Kittiwake left the Marrow Bay terminal at 2:04 p.m. on Thursday with every seat taken, the first sailing to Corran Island since crews walked out eight days ago.",
        "On board were islanders coming home from a week on relatives' couches, a crate of school textbooks, two pallets of flour and a delivery van from the island grocery.",
        "\"I have never been so glad to pay for a ferry ticket,\" said retired teacher Colm Dewar, 71, who had been staying with his daughter in Marrow Bay since the strike began.",
        "The return sailing carried the last of the travelers stranded on the island, Bayline said. The company will run extra crossings on Friday and Saturday to clear the backlog.",
    ],
}

# The Meridian Wire story of March 9, and the Harbor Gazette's syndicated
# copy of it (same body, its own lede, an added closing paragraph).
MERIDIAN_STRANDS_BODY = [
    "Transport Minister Ilse Vandermeer said she had invited Bayline Ferries and the Harbor and Ferry Workers' Union to talks on March 14 at the regional transport office in Port Aske.",
    "\u201cPeople on the island need to know when the boats will run again, and so do I,\u201d Vandermeer told reporters outside the harbor office. \u201cNobody wins a long strike.\u201d",
    "The union walked out at 5 a.m. on Wednesday after rejecting a pay offer of 4.5 percent. It is asking for 9 percent, saying rents in the town have risen far faster than wages since 2019.",
    "\u201cOur members have carried this town through storms and a pandemic,\u201d said Dara Whelan, the union\u2019s general secretary. \u201cThey are not asking for a favor. They are asking to keep up with the rent.\u201d",
    "Bayline Ferries, which runs six vessels between Marrow Bay and the island, said its offer was \u201cfair and final\u201d and that all crossings were canceled until further notice. Chief executive Graham Ostrow said the company would attend the talks.",
    "Island officials said the stranded travelers included day visitors, students returning to the mainland and about 40 patients with hospital appointments. A fishing cooperative has agreed to carry medical cases on its boats.",
    "The crossing normally takes 40 minutes and carries about 3,000 people a day in winter.",
]
MERIDIAN_STRANDS_LEDE = "MARROW BAY (Meridian Wire) \u2014 About 1,200 passengers were stranded on Corran Island on Thursday as a strike by ferry workers halted all sailings for a second day, and the regional transport minister called both sides to talks next week."
GAZETTE_LEDE = "Around 1,200 travelers were stuck on Corran Island on Thursday after striking crews kept every Bayline ferry in port for a second day, and the transport minister summoned both sides to the negotiating table."
GAZETTE_TAIL = "The Harbor Gazette will publish updated sailing information on its website as soon as Bayline announces it. Readers with travel questions can call the Bayline helpline on 555-0192."

TIDEWATER_TWO_DAYS = [
    "The regional transport minister has set aside two days for talks to end the Marrow Bay ferry strike, with Bayline Ferries and the crews\u2019 union due to meet on March 14 and 15 in Port Aske.",
    "Ilse Vandermeer announced the talks on Thursday after what her office called \u201ca long and frank conversation\u201d with union leader Dara Whelan.",
    "About 1,400 people are stranded on Corran Island, according to the island council, which raised its count on Friday after going through canceled bookings one by one.",
    "\u201cTwo days gives everyone room to move without losing face,\u201d said Carla Dunmore, who teaches labor relations at Port Aske College. \u201cOne day is a photo opportunity.\u201d",
    "Bayline said it would attend but did not expect to change its offer. The union said it would not suspend the strike during the talks.",
    "In Marrow Bay, caf\u00e9s and motels near the terminal said they had lost most of their weekday trade since Wednesday.",
]

GAZETTE_COUNT_COST = [
    "As negotiators sat down in Port Aske on Tuesday, the businesses that depend on the Corran Island ferry were adding up a week of losses.",
    "Dairy farmer Hugh Penrose said he had poured away more than 6,000 gallons of milk since the strike began because the creamery truck could not reach the island. \u201cThe cows don\u2019t know there\u2019s a strike,\u201d he said.",
    "Two trucking firms that normally make daily runs to the island said they had laid off drivers for the week, and the island\u2019s only gas station closed on Saturday when its tanks ran dry.",
    "The island council estimates the strike has cost local businesses $1.1 million so far, and says about 1,400 travelers were caught on the wrong side of the water when the sailings stopped.",
    "\u201cWe don\u2019t take sides,\u201d said council chair Bernadette Quill. \u201cWe just need the boat.\u201d",
]

KMBR_TRANSCRIPT = """\
© 2024 KMBR Public Radio
North Coast News, Music and Conversation
Play Live Radio
Next Up:
0:00 0:00
Available On Air Stations

Marrow Bay ferry strike: union says crews "can't go back for less"


The ferries between Marrow Bay and Corran Island have not moved since Wednesday morning, and hundreds of people are still waiting to get home. Today the regional transport minister said both sides will sit down next week. KMBR's Nina Okafor has been at the terminal all week and joins us now. Hi, Nina.



NINA OKAFOR, BYLINE: Hi, Rory.

RORY BANNISTER, HOST: So what does it look like down at the terminal?

OKAFOR: Quiet, mostly. The six Bayline boats are tied up two deep at the north quay, and there's a handwritten sign on the ticket office door that just says no sailings until further notice. A couple of island families were sitting in the waiting room this morning with their luggage, mostly because it's warm in there.

BANNISTER: And the talks. What do we know?

OKAFOR: The minister, Ilse van der Meer, says she has booked the regional transport office in Port Aske for March 14 and 15, so two full days, and that Bayline and the union have both agreed to come. She told us she spoke with the union's leader, Dara Whelan, for close to an hour on Thursday before she announced it.

(SOUNDBITE OF ARCHIVED RECORDING)

ILSE VAN DER MEER: I am not going to negotiate this on the radio. What I will say is that two days in one room is better than two weeks of statements, and I expect both sides to arrive with something new.

BANNISTER: What's the union saying?

OKAFOR: Whelan is not moving on the 9% figure, at least not in public. I caught her on the picket line this afternoon.

(SOUNDBITE OF CROWD CHANTING)

DARA WHELAN: Our crews can't go back for less than the cost of living. That's all this is. They work nights, they work in weather nobody else goes out in, and they can't afford to live in the town they serve.

BANNISTER: And Bayline?

OKAFOR: Bayline says its 4.5% offer stands. The chief executive, Graham Ostrow, told me the company lost money on the island route last winter, and he says fares would have to go up to pay for more.

BANNISTER: Meanwhile, people are stuck.

OKAFOR: They are. The island council puts the number at well over a thousand, and a fishing cooperative is running medical trips on its own boats. Most people I've talked to on the island side are patient for now, but school starts again on Monday and nobody knows how the kids at the mainland high school will get there.

BANNISTER: KMBR's Nina Okafor. Thanks, Nina.

OKAFOR: Thank you.

(SOUNDBITE OF MUSIC) Transcript provided by KMBR Public Radio. This transcript may not be in its final form.

Nina Okafor covers transportation and the waterfront for KMBR. Before joining the station, she reported for weekly papers up and down the North Coast.
Rory Bannister is the host of Afternoon Tide, heard weekdays at 4 p.m. on KMBR.
"""

BAYNEWS_REWRITE = """\
Skip to content
BayNews Now
Home | Local | Business | Weather | Traffic | Contact
Subscribe to our newsletter
Search

Ferry strike: talks set for Tuesday as Corran Island waits

March 13, 2023

By BayNews Now staff

Share this article: Facebook | X | Email

Striking ferry workers and Bayline Ferries will meet on Tuesday, March 14, at the regional transport office in Port Aske, in the first formal talks since crews walked off the job last Wednesday.

Transport Minister Ilse Vandermeer called the meeting on Thursday after a 50-minute phone call with union leader Dara Whelan. About 1,200 passengers were left stranded on Corran Island when the sailings stopped, according to figures first reported by Meridian Wire.

"Nobody wins a long strike," Vandermeer said last week. She has asked both sides to come with new proposals.

The Harbor and Ferry Workers' Union wants a 9 percent raise. Bayline has offered 4.5 percent and says it cannot go higher without raising fares.

Whelan said on Sunday that her members were "ready to talk and ready to stay out."

Island businesses say the strike is hurting. The grocery on Corran's Main Street has rationed milk and bread since Saturday, and the island's only gas station is running low.

A fishing cooperative continues to carry medical patients to the mainland. Bayline says ticket holders can claim refunds at the Marrow Bay terminal.

Related stories
- Bayline ferry fares to rise 6% in spring
- Harbor Road closed for resurfacing next week
- Corran Island school wins state robotics prize

Comments are closed.
© 2024 BayNews Now. All rights reserved. | Privacy | Terms
"""

# Header-style text: title line, YYYYMMDD line, URL line, one paragraph a
# line. Two words are glued together the way lost markup glues them
# ("thenegotiations", "stillunclear").
LEDGER_HEADERTEXT = """\
Minister spent 50 minutes on phone with union chief before calling ferry talks
20230312
https://www.northernledger.example/region/2023/03/12/minister-50-minutes-phone-union-ferry-talks
Transport Minister Ilse Vandermeer spent 50 minutes on the phone on Thursday with Dara Whelan, the leader of the striking Marrow Bay ferry crews, before announcing talks for next week, two aides familiar with the call said.
The aides, who asked not to be named because the call was private, said Vandermeer pressed Whelan to suspend the strike for the duration of thenegotiations and that Whelan refused.
"She listened, and she didn't tell me to be reasonable, which makes a change," Whelan said on Saturday at the union hall on Quay Street. She declined to discuss what was said.
A spokesman for the minister confirmed the call took place but would not say how long it lasted. "The minister speaks to everyone involved, and she will keep doing so," he said.
Whether Bayline Ferries will bring a new offer to the table is stillunclear. The company has called its 4.5 percent offer "fair and final" since February.
Bayline's chief executive, Graham Ostrow, said on Friday that every extra percentage point would cost the company about $400,000 a year. The union disputes the figure.
All six Bayline vessels remain in port. The company has canceled sailings through at least Tuesday.
The island council said on Saturday that it had opened the school gym on Harbor Road as a place to sleep for travelers who could not find rooms.
"""

# ------------------------------------------------------------- the files


def html_files():
    courier = courier_page(COURIER_VOTE).encode("utf-8")
    # Smart quotes become 0x93/0x94: the page declares and is windows-1252.
    coastline = coastline_page(COASTLINE_HALTED, meta_charset=True).encode("cp1252")
    corran = corran_page(CORRAN_DAY_FOUR, canonical=True).encode("utf-8")
    return {
        "html/marrow-bay-courier-strike-vote.html": courier,
        # The same page saved twice, as mirrors do: an exact duplicate.
        "html/mirror/marrow-bay-courier-strike-vote.html": courier,
        "html/coastline-today-ferries-halted.html": coastline,
        "html/corran-island-notes-day-four.html": corran,
    }


def text_files():
    return {
        "text/kmbr-transcript.txt": KMBR_TRANSCRIPT.encode("utf-8"),
        "text/baynews-now-talks-set.txt": BAYNEWS_REWRITE.encode("utf-8"),
        "text/northern-ledger-minister-call.txt": LEDGER_HEADERTEXT.encode("utf-8"),
    }


def newsplease_jsonl():
    """news-please field names; Python's json escapes non-ASCII as \\uXXXX,
    as news-please's own dumps do."""
    rows = [
        {
            "authors": ["Jonah Mertz"],
            "date_download": "2023-03-09 11:02:41",
            "date_modify": "2023-03-09 11:02:41",
            "date_publish": "2023-03-09 08:15:00",
            "description": "About 1,200 passengers were stranded on Corran Island as a ferry strike entered its second day.",
            "filename": "https%3A%2F%2Fwww.meridianwire.example%2Fnational%2Fferry-strike-strands-1200-idMW2291.json",
            "image_url": "https://img.meridianwire.example/2023/03/09/idMW2291.jpg",
            "language": "en",
            "localpath": None,
            "maintext": "\n".join([MERIDIAN_STRANDS_LEDE] + MERIDIAN_STRANDS_BODY),
            "source_domain": "www.meridianwire.example",
            "title": "Ferry strike strands 1,200 on Corran Island as minister calls talks",
            "title_page": None,
            "title_rss": None,
            "url": "https://www.meridianwire.example/national/ferry-strike-strands-1200-idMW2291",
        },
        {
            "authors": ["Owen Prideaux"],
            "date_download": "2023-03-10 19:20:05",
            "date_modify": "2023-03-10 19:20:05",
            "date_publish": "2023-03-10 17:42:00",
            "description": "Transport minister books two days of talks in Port Aske.",
            "filename": "https%3A%2F%2Ftidewatertimes.example%2Fnews%2Ftwo-days-of-talks-set.json",
            "image_url": None,
            "language": "en",
            "localpath": None,
            "maintext": "\n".join(TIDEWATER_TWO_DAYS),
            "source_domain": "tidewatertimes.example",
            "title": "Two days of talks set in Marrow Bay ferry strike",
            "title_page": None,
            "title_rss": "Two days of talks set in ferry strike",
            "url": "https://tidewatertimes.example/news/two-days-of-talks-set-in-marrow-bay-ferry-strike",
        },
    ]
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def trafilatura_jsonl():
    """trafilatura --json field names, UTF-8 left as is."""
    rows = [
        {
            "title": "Ferry strike strands 1,200 on Corran Island as minister calls talks",
            "author": "Meridian Wire",
            "hostname": "harborgazette.example",
            "date": "2023-03-09",
            "categories": "News;Region",
            "tags": "ferry;strike;Corran Island",
            "fingerprint": "c3a1f09e5b7d2e44",
            "id": None,
            "license": None,
            "comments": "",
            "text": "\n".join([GAZETTE_LEDE] + MERIDIAN_STRANDS_BODY + [GAZETTE_TAIL]),
            "language": "en",
            "image": None,
            "pagetype": "article",
            "source": "https://www.harborgazette.example/news/region/ferry-strike-strands-1200-on-corran-island",
            "source-hostname": "The Harbor Gazette",
            "excerpt": "Around 1,200 travelers were stuck on Corran Island.",
        },
        {
            "title": "Island farms and truckers count the cost as ferry talks open",
            "author": "Lena Ortiz",
            "hostname": "harborgazette.example",
            "date": "2023-03-14",
            "categories": "News;Business",
            "tags": "ferry;strike;farming",
            "fingerprint": "8e02b6d41a9c7f35",
            "id": None,
            "license": None,
            "comments": "",
            "text": "\n".join(GAZETTE_COUNT_COST),
            "language": "en",
            "image": None,
            "pagetype": "article",
            "source": "https://www.harborgazette.example/news/business/island-farms-and-truckers-count-the-cost",
            "source-hostname": "The Harbor Gazette",
            "excerpt": "Businesses that depend on the Corran Island ferry add up a week of losses.",
        },
    ]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


# ------------------------------------------------------------------ WARC


def http_response(body, content_type, date, gzip_body=False):
    if gzip_body:
        body = gzip.compress(body, compresslevel=9, mtime=0)
    head = ["HTTP/1.1 200 OK",
            "Date: " + date,
            "Server: nginx",
            "Content-Type: " + content_type]
    if gzip_body:
        head.append("Content-Encoding: gzip")
    head += ["Content-Length: %d" % len(body),
             "Cache-Control: max-age=300",
             "Vary: Accept-Encoding",
             "Connection: close"]
    head_b = ("\r\n".join(head) + "\r\n\r\n").encode("ascii")
    return head_b + body, body


def warc_record(fields, block):
    """One WARC/1.1 record: header fields, block, the two-CRLF trailer."""
    lines = ["WARC/1.1"] + ["%s: %s" % kv for kv in fields]
    lines.append("Content-Length: %d" % len(block))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def warc_file(name, crawl, pages):
    """warcinfo, one request (for the first page), then one response per
    page. crawl = (WARC-Date prefix, HTTP Date prefix); the crawl happened
    days after publication, so WARC-Date is never the publication date."""
    warc_day, http_day = crawl
    recs = []
    info = ("software: storyline tools/make_sample.py\r\n"
            "format: WARC File Format 1.1\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            "isPartOf: marrow-bay-sample\r\n"
            "description: Fictional sample crawl for storyline tests\r\n"
            "robots: obey\r\n").encode("utf-8")
    recs.append(warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", uuid_for(name + "/warcinfo")),
        ("WARC-Date", warc_day + "T04:10:00Z"),
        ("WARC-Filename", name),
        ("Content-Type", "application/warc-fields"),
    ], info))
    for i, (url, body, ctype, gz) in enumerate(pages):
        t = "T04:%02d:%02dZ" % (12 + i, 9 + 7 * i)
        resp_id = uuid_for(name + "/response/" + url)
        if i == 0:
            host = url.split("/")[2]
            path = "/" + url.split("/", 3)[3]
            req = ("GET %s HTTP/1.1\r\nHost: %s\r\n"
                   "User-Agent: Mozilla/5.0 (compatible; storyline-sample-crawler/1.0)\r\n"
                   "Accept: text/html,application/xhtml+xml\r\n"
                   "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n" % (path, host)).encode("ascii")
            recs.append(warc_record([
                ("WARC-Type", "request"),
                ("WARC-Record-ID", uuid_for(name + "/request/" + url)),
                ("WARC-Date", warc_day + t),
                ("WARC-Target-URI", url),
                ("WARC-Concurrent-To", resp_id),
                ("WARC-Block-Digest", sha1_b32(req)),
                ("Content-Type", "application/http; msgtype=request"),
            ], req))
        block, payload = http_response(
            body, ctype, "%s 04:%02d:%02d GMT" % (http_day, 12 + i, 9 + 7 * i), gz)
        recs.append(warc_record([
            ("WARC-Type", "response"),
            ("WARC-Record-ID", resp_id),
            ("WARC-Date", warc_day + t),
            ("WARC-Target-URI", url),
            ("WARC-IP-Address", "192.0.2.%d" % (10 + i)),
            ("WARC-Block-Digest", sha1_b32(block)),
            ("WARC-Payload-Digest", sha1_b32(payload)),
            ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response"),
        ], block))
    return recs


def warc_files():
    plain = warc_file("sample.warc", ("2023-03-20", "Mon, 20 Mar 2023"), [
        (COURIER_TALKS["url"], courier_page(COURIER_TALKS).encode("utf-8"),
         "text/html; charset=utf-8", False),
        # No <meta charset>: only the HTTP header says windows-1252.
        (COASTLINE_NIGHT["url"], coastline_page(COASTLINE_NIGHT, meta_charset=False).encode("cp1252"),
         "text/html; charset=windows-1252", False),
        (KMBR_SUSPENDED["url"], kmbr_page(KMBR_SUSPENDED).encode("utf-8"),
         "text/html; charset=UTF-8", False),
    ])
    gz = warc_file("sample.warc.gz", ("2023-03-21", "Tue, 21 Mar 2023"), [
        # The server gzipped this one: the HTTP payload is itself gzip.
        (MERIDIAN_ENDS["url"], meridian_page(MERIDIAN_ENDS).encode("utf-8"),
         "text/html; charset=utf-8", True),
        (LEDGER_FIRST_FERRY["url"], ledger_page(LEDGER_FIRST_FERRY).encode("utf-8"),
         "text/html; charset=utf-8", False),
        # No canonical link: the date is only in WARC-Target-URI.
        (CORRAN_BACK["url"], corran_page(CORRAN_BACK, canonical=False).encode("utf-8"),
         "text/html; charset=UTF-8", False),
    ])
    return {
        "warc/sample.warc": b"".join(plain),
        # One gzip member per record, as Common Crawl writes them.
        "warc/sample.warc.gz": b"".join(gzip.compress(r, compresslevel=9, mtime=0) for r in gz),
    }


def all_files():
    files = {}
    files.update(html_files())
    files.update(text_files())
    files["jsonl/news-please.jsonl"] = newsplease_jsonl()
    files["jsonl/trafilatura.jsonl"] = trafilatura_jsonl()
    files.update(warc_files())
    return files


# ------------------------------------------------------------------ main


def comparable(name, data):
    """gzip bytes may differ between zlib versions; compare the content."""
    return gzip.decompress(data) if name.endswith(".gz") else data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "sample"),
                    help="directory to write (default: the repo's sample/)")
    ap.add_argument("--check", action="store_true",
                    help="compare the files under --out with what would be written")
    args = ap.parse_args()
    files = all_files()
    if args.check:
        bad = 0
        for name, data in sorted(files.items()):
            path = os.path.join(args.out, name)
            try:
                with open(path, "rb") as f:
                    have = f.read()
            except OSError as e:
                print("make_sample: %s: %s" % (name, e.strerror), file=sys.stderr)
                bad += 1
                continue
            if comparable(name, have) != comparable(name, data):
                print("make_sample: %s is stale (re-run tools/make_sample.py)" % name,
                      file=sys.stderr)
                bad += 1
        return 1 if bad else 0
    for name, data in sorted(files.items()):
        path = os.path.join(args.out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Write then rename, so an interrupted run never leaves half a file.
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        print("%-48s %7d bytes" % (name, len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
