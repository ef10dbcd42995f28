-- search-pg.sql: PostgreSQL's side of the search benchmark (run.sh,
-- section "search").  Run after run.sh has loaded doc, doc_muni and
-- passage_raw from the overleg store; builds the searchable table and the
-- procedure that times the queries of table bq (search-pg.py fills it).
--
-- The answer has the shape of overleg's: the documents that have a
-- matching passage (that passes the filters), ranked by their best
-- passage (ts_rank_cd, weights title A 1.0, heading B 0.4, text C 0.1,
-- as overleg's bm25 weights 10:4:1), the top 10 with their 3 best
-- passages and a ts_headline snippet each, the total, and facet counts
-- (body, topic, kind, year, gemeente) over all matching documents: one
-- statement, one json value.
--
-- The method: bench(R) runs in the server, in PL/pgSQL.  For each query,
-- once to warm up (its total goes to bhits), then R rounds over all
-- queries, it EXECUTEs the statement (parsed and planned each time, as a
-- client's query would be) and takes clock_timestamp() before and after
-- into bt.  The client, the protocol and sending the answer are not in
-- the figure: PostgreSQL's times are its server time alone.

-- The document's date, body, topic and kind are copied into each passage,
-- so that a filter needs no join (overleg's cache of documents does the
-- same in memory).
CREATE TABLE passage AS
  SELECT r.id, r.document_id, coalesce(r.heading, '') AS heading, r.text,
         d.date, d.body, d.topic, d.kind,
         setweight(to_tsvector('dutch', coalesce(d.title, '')), 'A') ||
         setweight(to_tsvector('dutch', coalesce(r.heading, '')), 'B') ||
         setweight(to_tsvector('dutch', coalesce(r.text, '')), 'C') AS tsv
  FROM passage_raw r JOIN doc d ON d.id = r.document_id;
DROP TABLE passage_raw;
ALTER TABLE passage ADD PRIMARY KEY (id);
CREATE INDEX passage_doc ON passage(document_id);
CREATE INDEX passage_tsv ON passage USING gin(tsv);
CREATE INDEX doc_date ON doc(date);
CREATE INDEX doc_body ON doc(body, date);
CREATE INDEX doc_topic ON doc(topic, date);
CREATE INDEX doc_muni_name ON doc_muni(name, document_id);
CREATE INDEX doc_muni_doc ON doc_muni(document_id);
VACUUM ANALYZE;

CREATE TABLE bq(qid int PRIMARY KEY, shape text, query text, tsq text, filter text);
CREATE TABLE bt(qid int, run int, ms float8);
CREATE TABLE bhits(qid int PRIMARY KEY, total bigint);

-- The statement for one query: $1 is its to_tsquery text, filter an SQL
-- condition on the passage p ("true" when there is none).
CREATE FUNCTION search_sql(filter text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
WITH q AS (SELECT to_tsquery('dutch', $1) AS q),
hit AS (
  SELECT p.id, p.document_id, ts_rank_cd('{0.1, 0.1, 0.4, 1.0}', p.tsv, q.q) AS rank
  FROM q, passage p
  WHERE p.tsv @@ q.q AND (%s)
),
docs AS (SELECT document_id, max(rank) AS rank FROM hit GROUP BY document_id),
top AS (SELECT document_id, rank FROM docs ORDER BY rank DESC, document_id LIMIT 10),
best AS (
  SELECT id, document_id, rank FROM (
    SELECT h.*, row_number() OVER (PARTITION BY h.document_id ORDER BY h.rank DESC, h.id) AS n
    FROM hit h WHERE h.document_id IN (SELECT document_id FROM top)) x
  WHERE n <= 3
),
page AS (
  SELECT b.document_id,
         json_agg(json_build_object('heading', p.heading,
           'snippet', ts_headline('dutch', p.text, q.q,
             'StartSel=<mark>, StopSel=</mark>, MaxWords=20, MinWords=8'))
           ORDER BY b.rank DESC, b.id) AS passages
  FROM best b JOIN passage p ON p.id = b.id, q
  GROUP BY b.document_id
),
found AS (SELECT d.* FROM docs JOIN doc d ON d.id = docs.document_id)
SELECT json_build_object(
  'total', (SELECT count(*) FROM docs),
  'results', (SELECT json_agg(json_build_object('id', d.id, 'title', d.title,
                'date', d.date, 'body', d.body, 'topic', d.topic, 'kind', d.kind,
                'passages', g.passages) ORDER BY t.rank DESC, t.document_id)
              FROM top t JOIN doc d ON d.id = t.document_id
              JOIN page g ON g.document_id = t.document_id),
  'facets', json_build_object(
    'body', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC)
             FROM (SELECT body AS v, count(*) AS n FROM found GROUP BY 1) x),
    'topic', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC)
              FROM (SELECT topic AS v, count(*) AS n FROM found GROUP BY 1) x),
    'kind', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC)
             FROM (SELECT kind AS v, count(*) AS n FROM found GROUP BY 1) x),
    'year', (SELECT json_agg(json_build_array(v, n) ORDER BY v)
             FROM (SELECT extract(year FROM date) AS v, count(*) AS n FROM found GROUP BY 1) x),
    'municipality', (SELECT json_agg(json_build_array(v, n) ORDER BY n DESC)
                     FROM (SELECT m.name AS v, count(*) AS n
                           FROM docs JOIN doc_muni m USING (document_id) GROUP BY 1) x)))
$q$, filter)
$fn$;

CREATE PROCEDURE bench(nrun int) LANGUAGE plpgsql AS $$
DECLARE
  b record;
  zSql text;
  t0 timestamptz;
  ms float8;
  res json;
BEGIN
  TRUNCATE bt;
  TRUNCATE bhits;
  FOR r IN 0..nrun LOOP
    FOR b IN SELECT * FROM bq ORDER BY qid LOOP
      zSql := search_sql(b.filter);
      t0 := clock_timestamp();
      EXECUTE zSql INTO res USING b.tsq;
      ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
      IF r = 0 THEN
        INSERT INTO bhits VALUES (b.qid, (res->>'total')::bigint);
      ELSE
        INSERT INTO bt VALUES (b.qid, r, ms);
      END IF;
    END LOOP;
  END LOOP;
END $$;
