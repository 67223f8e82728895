#!/usr/bin/env python3
"""facts_adapt.py — between the shared facts benchmarks and `storyline annotate --jsonl`.

  facts_adapt.py input TASK GOLD            gold JSONL -> annotate input {"id","text","date"}
  facts_adapt.py pred TASK GOLD OURS        annotate output -> the scorer's prediction JSONL

TASK is time, quotes, ner, xdoc or numbers. Our spans are byte offsets into
the UTF-8 text; the scorers count characters, so every span is converted.
"""
import json, sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def char_map(text):
    """byte offset -> character offset (a byte inside a character maps to it)."""
    m = []
    for i, ch in enumerate(text):
        m.extend([i] * len(ch.encode("utf-8")))
    m.append(len(text))
    return lambda off: m[min(max(off, 0), len(m) - 1)]


def date_of(d):
    return d.get("dct") or d.get("publication_date") or d.get("date") or ""


def to_input(gold):
    for d in gold:
        print(json.dumps({"id": d["doc_id"], "text": d["text"], "date": date_of(d)}))


# Our unit names where NewsQuant names the same unit otherwise.
UNIT = {"percent": "percentage"}
CHANGE = {"approx": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<"}


def quantity(q):
    v = [q["low"], q["high"]] if q["low"] != q["high"] else q["value"]
    change = q.get("change") or CHANGE.get(q["bound"], "=")
    fmt = lambda x: repr(float(x))
    return {"value": [fmt(x) for x in v] if isinstance(v, list) else fmt(v),
            "normalized_unit": UNIT.get(q.get("unit"), q.get("unit")) or "-", "change": change}


def to_pred(task, gold, ours):
    text = {d["doc_id"]: d["text"] for d in gold}
    gold_by_id = {d["doc_id"]: d for d in gold}
    for r in ours:
        doc, f = r["id"], r["facts"]
        c = char_map(text[doc])
        if task == "time":
            out = {"timexes": [{"start": c(t["start"]), "end": c(t["end"]), "type": t["type"],
                                "value": t["value"]} for t in f["timexes"]]}
        elif task == "quotes":
            out = {"quotes": []}
            for q in f["quotes"]:
                p = {"start": c(q["start"]), "end": c(q["end"]),
                     "is_direct": q["kind"] != "indirect"}
                if q["speaker"]:
                    p.update(speaker_start=c(q["speaker"]["start"]),
                             speaker_end=c(q["speaker"]["end"]), speaker=q["speaker"]["text"])
                if q["cue"]:
                    p["verb"] = q["cue"]["text"].lower()
                out["quotes"].append(p)
        elif task == "ner":
            out = {"entities": [{"start": c(m["start"]), "end": c(m["end"]), "type": e["type"]}
                                for e in f["entities"] for m in e["mentions"]
                                if m["kind"] in ("name", "short")]}
        elif task == "xdoc":
            spans = [(c(m["start"]), c(m["end"]), r["entity_clusters"][i])
                     for i, e in enumerate(f["entities"]) for m in e["mentions"]]
            out = {"mentions": []}
            for g in gold_by_id[doc]["mentions"]:
                best, bov = None, 0
                for s, e, cl in spans:
                    ov = min(e, g["end"]) - max(s, g["start"])
                    if ov >= bov and ov > 0:  # ties: the rightmost, the phrase's head
                        best, bov = cl, ov
                cl = "e%d" % best if best is not None else "s:" + g["text"]
                out["mentions"].append({"start": g["start"], "end": g["end"], "cluster": cl})
        elif task == "numbers":
            out = {"quantities": [quantity(q) for q in f["quantities"]]}
        else:
            sys.exit("unknown task " + task)
        out["doc_id"] = doc
        print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "input":
        to_input(load(sys.argv[3]))
    else:
        to_pred(sys.argv[2], load(sys.argv[3]), load(sys.argv[4]))
