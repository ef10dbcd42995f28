"""search-pg.py QUERIES: the search benchmark's queries for PostgreSQL.

Reads tests/bench/queries.txt (shape TAB overleg query) and prints SQL that
fills table bq(qid, shape, query, tsq, filter) of search-pg.sql: the text
part as a to_tsquery('dutch', ...) string (word -> 'word', "a b" -> the
phrase 'a b', pre* -> 'pre':*, a OR b -> ('a' | 'b'), the rest joined with
&), -w as a condition that no passage of the document matches 'w' (as in
overleg), the filters as an SQL condition on the passage p (which has its
document's date, body, topic and kind).  It knows what queries.txt uses:
no NEAR, no parentheses.  qid is the line's number among the query lines,
as in searchbench.c.
"""
import calendar
import re
import sys

KEYS = {"orgaan": "body", "body": "body", "onderwerp": "topic",
        "topic": "topic", "soort": "kind", "kind": "kind",
        "gemeente": "municipality", "municipality": "municipality",
        "datum": "date", "date": "date"}
TOKEN = re.compile(r'\s*(?:(\w+):("[^"]*"|\S+)|("[^"]*")|(\S+))')


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def lexeme(s):
    return "'" + s.replace("'", "''").replace("\\", "\\\\") + "'"


def period(s):
    """The first and the last day of YYYY, YYYY-MM or YYYY-MM-DD."""
    p = [int(x) for x in s.split("-")]
    y, m = p[0], p[1] if len(p) > 1 else None
    if len(p) == 3:
        return s, s
    if m is None:
        return f"{y}-01-01", f"{y}-12-31"
    return f"{y}-{m:02d}-01", f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def date_sql(v):
    for op, sql, side in ((">=", ">=", 0), ("<=", "<=", 1), (">", ">", 1), ("<", "<", 0)):
        if v.startswith(op):
            return f"p.date {sql} {lit(period(v[len(op):])[side])}"
    if ".." in v:
        a, b = v.split("..")
        c = []
        if a:
            c.append(f"p.date >= {lit(period(a)[0])}")
        if b:
            c.append(f"p.date <= {lit(period(b)[1])}")
        return " AND ".join(c)
    a, b = period(v)
    return f"p.date BETWEEN {lit(a)} AND {lit(b)}"


def filter_sql(key, v):
    if key == "date":
        return date_sql(v)
    if key == "municipality":
        return ("EXISTS (SELECT 1 FROM doc_muni m WHERE m.document_id = p.document_id"
                f" AND m.name = {lit(v)})")
    if key == "body" and " " not in v:      # "BO": every BO
        return f"(p.body = {lit(v)} OR p.body LIKE {lit(v + ' %')})"
    return f"p.{key} = {lit(v)}"


def excluded(term):
    """-word, as in overleg: no passage of the document has it."""
    return ("NOT EXISTS (SELECT 1 FROM passage x WHERE x.document_id = p.document_id"
            f" AND x.tsv @@ to_tsquery('dutch', {lit(term)}))")


def translate(q):
    groups, conds, bOr = [], [], False
    for key, val, phrase, word in TOKEN.findall(q):
        if key and key.lower() in KEYS:
            conds.append(filter_sql(KEYS[key.lower()], val.strip('"')))
            continue
        if key:
            word = f"{key}:{val}"
        if word == "OR":
            bOr = True
            continue
        neg = word.startswith("-") and len(word) > 1
        if neg:
            word = word[1:]
        if phrase:
            term = lexeme(phrase.strip('"'))
        elif word.endswith("*"):
            term = lexeme(word[:-1]) + ":*"
        else:
            term = lexeme(word)
        if neg:
            conds.append(excluded(term))
            bOr = False
            continue
        if bOr and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        bOr = False
    tsq = " & ".join(g[0] if len(g) == 1 else "(" + " | ".join(g) + ")" for g in groups)
    return tsq, " AND ".join(conds) or "true"


def main():
    qid = 0
    print("TRUNCATE bq;")
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\r\n")
        if line.startswith("#") or "\t" not in line:
            continue
        qid += 1
        shape, q = line.split("\t", 1)
        tsq, cond = translate(q)
        print(f"INSERT INTO bq VALUES ({qid}, {lit(shape)}, {lit(q)}, {lit(tsq)}, {lit(cond)});")


main()
