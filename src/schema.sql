-- schema.sql — the archive's tables, embedded in the binary.
--
-- Sections start with "-- version N": store_open() runs, in one
-- transaction each, the sections above the database's PRAGMA user_version
-- and sets it to N.  Never edit a released section: add a new one.
-- Dates are ISO 8601 text (YYYY-MM-DD); an open-ended range has NULL.

-- version 1

-- The organisation (shared/seed/organisatie.txt): municipalities and
-- partners take part per topic of the Strategic Agenda, over time.
CREATE TABLE organisation(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK(kind IN ('gemeente','partner'))
);

CREATE TABLE person(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  organisation_id INTEGER REFERENCES organisation(id),
  function TEXT,                      -- burgemeester, wethouder, secretaris...
  UNIQUE(name, organisation_id)
);

CREATE TABLE topic(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL DEFAULT 'onderwerp' CHECK(kind IN ('onderwerp','project')),
  agenda TEXT,                        -- the Strategic Agenda it belongs to
  valid_from TEXT, valid_to TEXT
);

CREATE TABLE participation(
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  topic_id INTEGER NOT NULL REFERENCES topic(id),
  valid_from TEXT, valid_to TEXT
);
CREATE INDEX participation_topic ON participation(topic_id);

-- BORA, ARG and BRA; per topic a BO, prepared by an AO (prepares_id).
CREATE TABLE body(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,   -- short: 'BO Wonen'
  full_name TEXT,                             -- 'Bestuurlijk Overleg Wonen'
  kind TEXT NOT NULL CHECK(kind IN ('BORA','ARG','BRA','BO','AO','other')),
  topic_id INTEGER REFERENCES topic(id),
  prepares_id INTEGER REFERENCES body(id),
  CHECK(kind NOT IN ('BO','AO') OR topic_id IS NOT NULL)
);

-- Roles: lid, voorzitter (a BO's chair is a BORA member), secretaris...
CREATE TABLE membership(
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  body_id INTEGER NOT NULL REFERENCES body(id),
  role TEXT NOT NULL DEFAULT 'lid',
  valid_from TEXT, valid_to TEXT
);

CREATE INDEX membership_body ON membership(body_id);

-- A BORA member's responsibility for a topic.
CREATE TABLE portfolio(
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  topic_id INTEGER NOT NULL REFERENCES topic(id),
  valid_from TEXT, valid_to TEXT
);
CREATE INDEX portfolio_topic ON portfolio(topic_id);

-- A meeting may hold several bodies (a regiomiddag: BO sessions on one
-- combined agenda).
CREATE TABLE meeting(
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  location TEXT
);
CREATE TABLE meeting_body(
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  body_id INTEGER NOT NULL REFERENCES body(id),
  PRIMARY KEY(meeting_id, body_id)
) WITHOUT ROWID;
CREATE INDEX meeting_body_body ON meeting_body(body_id, meeting_id);
CREATE INDEX meeting_date ON meeting(date);

-- One row per stored original.  The file is originals/ab/cdef... by its
-- SHA-256, written and synced before this row commits.
CREATE TABLE document(
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  format TEXT NOT NULL,                       -- odt, fodt, docx
  original_name TEXT NOT NULL,
  title TEXT,
  kind TEXT CHECK(kind IN ('agenda','verslag','besluitenlijst','actielijst',
                           'memo','brief','presentatie','other')),
  date TEXT,                                  -- the meeting's date
  meeting_id INTEGER REFERENCES meeting(id),
  body_id INTEGER REFERENCES body(id),
  topic_id INTEGER REFERENCES topic(id),
  status TEXT CHECK(status IN ('concept','vastgesteld')),  -- minutes only
  metadata TEXT NOT NULL DEFAULT '{}',        -- extracted properties, JSON
  text_size INTEGER NOT NULL DEFAULT 0,       -- bytes of extracted text
  imported_at TEXT NOT NULL,
  imported_by TEXT,
  version_of INTEGER REFERENCES document(id)
);
CREATE INDEX document_meeting ON document(meeting_id);
CREATE INDEX document_body_date ON document(body_id, date);
CREATE INDEX document_topic_date ON document(topic_id, date);
CREATE INDEX document_date ON document(date);

-- The gemeenten a document names (found in its text when it is imported,
-- and again for all documents when the organisation is loaded).
CREATE TABLE document_municipality(
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  PRIMARY KEY(document_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX document_municipality_org ON document_municipality(organisation_id, document_id);

-- The searchable units: a heading with its paragraphs, a table, a note.
CREATE TABLE passage(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                       -- order within the document
  kind TEXT NOT NULL,                         -- text, table, note
  heading TEXT NOT NULL DEFAULT '',           -- heading path, ' > '-joined
  text TEXT NOT NULL,
  UNIQUE(document_id, seq)
);
-- Decisions rank above plain text (the minutes issue marks them).
CREATE INDEX passage_decision ON passage(kind) WHERE kind='decision';

-- The full-text index over passages, with the document title as its own
-- column.  External content: the text is stored once, in passage.
CREATE VIEW passage_src(id, title, heading, text) AS
  SELECT passage.id, coalesce(document.title, ''), passage.heading, passage.text
  FROM passage JOIN document ON document.id = passage.document_id;
CREATE VIRTUAL TABLE passage_fts USING fts5(
  title, heading, text,
  content='passage_src', content_rowid='id',
  tokenize='dutch'
);

-- Facts about the archive itself: "tokenizer" = the FTS_DUTCH_VERSION the
-- index was built with.
CREATE TABLE setting(
  name TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- Who did what, when.
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT,
  action TEXT NOT NULL,
  object TEXT,
  detail TEXT
);

-- A fresh archive starts with the three standing bodies; the rest of the
-- organisation is loaded with "overleg org load".
INSERT INTO body(name, full_name, kind) VALUES
  ('BORA', 'Bestuurlijk Overleg Regio Amersfoort', 'BORA'),
  ('ARG', 'Ambtelijke Regie Groep', 'ARG'),
  ('BRA', 'Bureau Regio Amersfoort', 'BRA');

-- version 2

-- Accounts of the web interface and the API (auth.c).  A name is unique
-- whatever its capitals, so "Admin" cannot pose as "admin".  password is
-- crypto_pwhash_str's encoded argon2id string: algorithm, cost and salt
-- travel with the hash, so a later cost still verifies older hashes.
CREATE TABLE account(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK(role IN ('lezer','medewerker','auditor','beheerder')),
  password TEXT NOT NULL,
  created_at TEXT NOT NULL                    -- UTC, 2024-05-01T12:00:00Z
);

-- Times below are Unix seconds rather than ISO text: they are only ever
-- compared with "now" minus a period, never shown.

-- Browser sessions, by the SHA-256 (hex) of the cookie's token: a copy of
-- the database holds no usable token.
CREATE TABLE session(
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,                -- ends 7 days after this
  last_seen INTEGER NOT NULL                  -- and 8 idle hours after this
) WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

-- At most one API token per account ("Authorization: Bearer"), by its
-- SHA-256 (hex); a new one replaces it.
CREATE TABLE api_token(
  account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- Failed logins of the last 15 minutes, counted per name and per client
-- address to throttle password guessing; older rows are pruned.
CREATE TABLE login_attempt(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  ip TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_attempt_name ON login_attempt(name, at);
CREATE INDEX login_attempt_ip ON login_attempt(ip, at);
CREATE INDEX login_attempt_at ON login_attempt(at);

-- The audit pages list the log newest first.
CREATE INDEX audit_at ON audit(at);

-- A document's other versions are found through version_of.
CREATE INDEX document_version_of ON document(version_of) WHERE version_of IS NOT NULL;

-- version 3
-- What minutes say (minutes.c, issue 6), per document, made by the import
-- from the document model.  Rows point at the passage they come from, so
-- that every decision and action leads back to its evidence.  Recognised
-- rows are made again when a document is read again; staff corrections
-- (source 'staff', or a recognised row marked removed) survive that.

CREATE TABLE agenda_item(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                       -- order in the document
  nr TEXT NOT NULL,                           -- as written ("3a"), or the position
  nr_written INTEGER NOT NULL DEFAULT 1,      -- 0: the position, not written
  title TEXT NOT NULL DEFAULT '',
  passage_id INTEGER REFERENCES passage(id) ON DELETE SET NULL,
  UNIQUE(document_id, seq)
);

CREATE TABLE attendance(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('present','absent','chair','minutes-taker','guest')),
  name TEXT NOT NULL,                         -- as written
  organisation TEXT NOT NULL DEFAULT '',      -- as written
  function TEXT NOT NULL DEFAULT '',          -- as written
  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,   -- NULL: not matched (review)
  UNIQUE(document_id, seq)
);
CREATE INDEX attendance_person ON attendance(person_id) WHERE person_id IS NOT NULL;

-- Decisions taken (proposed=0) and proposed (proposed=1: an agenda's or
-- a memo's "Voorstel").
CREATE TABLE decision(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  proposed INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL DEFAULT '',             -- "Besluit", "Conclusie", "" for a sentence
  text TEXT NOT NULL,
  agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
  passage_id INTEGER REFERENCES passage(id) ON DELETE SET NULL,
  refers_to INTEGER REFERENCES decision(id) ON DELETE SET NULL,  -- "het besluit van 12 maart 2024"
  source TEXT NOT NULL DEFAULT 'recognised' CHECK(source IN ('recognised','staff')),
  removed INTEGER NOT NULL DEFAULT 0,         -- staff: not a decision after all
  UNIQUE(document_id, seq)
);
CREATE INDEX decision_passage ON decision(passage_id);

CREATE TABLE action_item(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  nr TEXT NOT NULL DEFAULT '',                -- as written
  text TEXT NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  due TEXT NOT NULL DEFAULT '',               -- as written ("week 13", "1 juni")
  due_date TEXT,                              -- ISO, when the text gives a date
  status TEXT NOT NULL DEFAULT '',            -- as written
  done_in INTEGER REFERENCES document(id) ON DELETE SET NULL,  -- later minutes reporting it done
  agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
  passage_id INTEGER REFERENCES passage(id) ON DELETE SET NULL,
  UNIQUE(document_id, seq)
);

-- The import finds an action's earlier and later mentions by number.
CREATE INDEX action_item_nr ON action_item(nr);

CREATE TABLE commitment(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
  passage_id INTEGER REFERENCES passage(id) ON DELETE SET NULL,
  UNIQUE(document_id, seq)
);

-- "Het verslag van 12 maart 2025 wordt vastgesteld": the adopting
-- document, and the minutes it adopts once found (same body, that date).
CREATE TABLE adoption(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  adopted_date TEXT,                          -- ISO; NULL when not resolved
  adopted_document_id INTEGER REFERENCES document(id) ON DELETE SET NULL,
  changed INTEGER NOT NULL DEFAULT 0,         -- "met inachtneming van ..."
  passage_id INTEGER REFERENCES passage(id) ON DELETE SET NULL,
  UNIQUE(document_id, seq)
);
CREATE INDEX adoption_adopted ON adoption(adopted_document_id);

-- An AO meeting prepares a BO meeting of the same topic: the first BO
-- meeting after it, or the one its documents name.
CREATE TABLE meeting_prepares(
  ao_meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  bo_meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  how TEXT NOT NULL CHECK(how IN ('next','reference')),
  PRIMARY KEY(ao_meeting_id, bo_meeting_id)
) WITHOUT ROWID;
CREATE INDEX meeting_prepared_by ON meeting_prepares(bo_meeting_id);

-- Archives made before this version have meetings: link their AO
-- meetings as import_link_meetings() would (the first meeting of the BO
-- the AO prepares, on or after its date).  Their minutes get rows when
-- they are read again with "overleg reread" (importing the same file
-- again only reports it as a duplicate).
INSERT OR IGNORE INTO meeting_prepares(ao_meeting_id, bo_meeting_id, how)
  SELECT ao_id, bo_id, 'next' FROM (
    SELECT m.id AS ao_id,
      (SELECT m2.id FROM meeting_body mb2 JOIN meeting m2 ON m2.id=mb2.meeting_id
        WHERE mb2.body_id=ao.prepares_id AND m2.date>=m.date AND m2.id<>m.id
        ORDER BY m2.date, m2.id LIMIT 1) AS bo_id
    FROM body ao JOIN meeting_body mb ON mb.body_id=ao.id JOIN meeting m ON m.id=mb.meeting_id
    WHERE ao.kind='AO' AND ao.prepares_id IS NOT NULL)
  WHERE bo_id IS NOT NULL;

-- version 4
-- Ratification (issue 6): Regio Amersfoort is a covenant, so a BO or
-- BORA decision takes effect only when every participating municipality's
-- college or council adopts an identical decision (gelijkluidend besluit).
-- decision.ratify says whether a decision needs that: NULL as overleg
-- judges from its body and text, 0 or 1 as staff set it.
ALTER TABLE decision ADD COLUMN ratify INTEGER CHECK(ratify IN (0,1));

-- Per decision and municipality, what staff recorded: adopted or
-- rejected, on which date, by which document (the municipality's own
-- decision, stored in the archive).  No row: still open.
CREATE TABLE ratification(
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK(status IN ('adopted','rejected')),
  date TEXT NOT NULL,                         -- ISO: when the college or council decided
  document_id INTEGER REFERENCES document(id) ON DELETE SET NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE(decision_id, organisation_id)
);
CREATE INDEX ratification_document ON ratification(document_id) WHERE document_id IS NOT NULL;

-- Staff corrections of what the minutes reader recognised: a person
-- match set by hand (person_by: the account; NULL: matched by the
-- import).  Corrections of decisions are rows of source 'staff' or
-- recognised rows marked removed.  Reading a document again keeps all
-- of these.
ALTER TABLE attendance ADD COLUMN person_by TEXT;

-- version 5
-- References between meetings stated in the text (links.c, issue 6):
-- where a decision says which earlier decision it follows ("conform het
-- besluit van het BORA van 3 februari 2022") and where an AO document says
-- which BO meeting it prepares ("ter voorbereiding op het BO Wonen van 14
-- maart 2024"): the date and the body as written.  Kept so that a
-- reference to minutes not yet in the archive is resolved when they come.
ALTER TABLE decision ADD COLUMN refers_date TEXT;   -- ISO; NULL: no reference
ALTER TABLE decision ADD COLUMN refers_body TEXT;   -- "BORA", "BO Wonen", "BO"; '' none named
ALTER TABLE document ADD COLUMN prepares_date TEXT; -- ISO; NULL: no statement
ALTER TABLE document ADD COLUMN prepares_body TEXT; -- "BO Wonen", "BO"
-- The references still waiting for their minutes, by date.
CREATE INDEX decision_refers_waiting ON decision(refers_date)
  WHERE refers_date IS NOT NULL AND refers_to IS NULL;
CREATE INDEX document_prepares_date ON document(prepares_date)
  WHERE prepares_date IS NOT NULL;

-- version 6
-- The topic an agenda item of a document without a topic is about (a
-- BORA agenda's "Voorstel BO Sociaal Domein: Veilig Thuis"): the topic it
-- names, or whose BO or AO it names.  It brings the BORA's meeting and the
-- decisions under that item into the topic's timeline (AO -> BO -> BORA).
ALTER TABLE agenda_item ADD COLUMN topic_id INTEGER REFERENCES topic(id) ON DELETE SET NULL;
CREATE INDEX agenda_item_topic ON agenda_item(topic_id) WHERE topic_id IS NOT NULL;

-- version 7
-- Deleting a row makes SQLite look for the rows that point at it (foreign
-- keys, ON DELETE SET NULL): without an index on each pointing column,
-- every deleted decision, agenda item or passage is a scan of a whole
-- table, and "overleg reread" deletes them by the thousand.
CREATE INDEX decision_refers_to ON decision(refers_to) WHERE refers_to IS NOT NULL;
CREATE INDEX decision_agenda_item ON decision(agenda_item_id) WHERE agenda_item_id IS NOT NULL;
CREATE INDEX action_item_agenda_item ON action_item(agenda_item_id) WHERE agenda_item_id IS NOT NULL;
CREATE INDEX action_item_passage ON action_item(passage_id) WHERE passage_id IS NOT NULL;
CREATE INDEX action_item_done_in ON action_item(done_in) WHERE done_in IS NOT NULL;
CREATE INDEX commitment_agenda_item ON commitment(agenda_item_id) WHERE agenda_item_id IS NOT NULL;
CREATE INDEX commitment_passage ON commitment(passage_id) WHERE passage_id IS NOT NULL;
CREATE INDEX agenda_item_passage ON agenda_item(passage_id) WHERE passage_id IS NOT NULL;
CREATE INDEX adoption_passage ON adoption(passage_id) WHERE passage_id IS NOT NULL;

-- version 8
-- A decision's reference set by staff (correct.h): who set refers_to by
-- hand, to another decision or to none (refers_to NULL).  NULL: as
-- recognised from the text.  The recognition (links.c) and reading the
-- document again leave such a reference as staff set it.
ALTER TABLE decision ADD COLUMN refers_by TEXT;

-- version 9
-- Which BO meeting an AO meeting prepares, as staff know it (correct.h):
-- links of how 'staff', and meeting.prepares_by, who set them (also when
-- they set that it prepares none).  The rule and the documents'
-- references leave such a meeting's links alone.  SQLite cannot change a
-- CHECK constraint, so the table is made again.
CREATE TABLE meeting_prepares_v9(
  ao_meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  bo_meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  how TEXT NOT NULL CHECK(how IN ('next','reference','staff')),
  PRIMARY KEY(ao_meeting_id, bo_meeting_id)
) WITHOUT ROWID;
INSERT INTO meeting_prepares_v9 SELECT ao_meeting_id, bo_meeting_id, how FROM meeting_prepares;
DROP TABLE meeting_prepares;
ALTER TABLE meeting_prepares_v9 RENAME TO meeting_prepares;
CREATE INDEX meeting_prepared_by ON meeting_prepares(bo_meeting_id);
ALTER TABLE meeting ADD COLUMN prepares_by TEXT;

-- version 10
-- The history of one object ("decision:12", "document:5"), as the audit
-- page shows it from a decision's, document's or meeting's page: its rows
-- found by object, and newest first without sorting, since the rowid (the
-- audit's id) ends every key of the index.  Without it each such page is
-- a scan of the whole log, which grows by every login.
CREATE INDEX audit_object ON audit(object);

-- version 11
-- The search generation: moved on by every change to what search reads
-- (documents, their passages and gemeenten, the names of bodies, topics
-- and gemeenten), and by nothing else.  Search keeps caches per state of
-- these (search.c: every document's filter values and the term cache;
-- http.c: answers); before, any commit emptied them, and a login, a
-- session's touch or an audit row is a commit.  Passages and links to
-- gemeenten have no trigger: with them, importing 5,000 files took 10%
-- longer (a trigger runs with every passage written).  They are
-- written with their document (import, reread: its row is written too),
-- and where not, the code moves the generation itself
-- (store_search_changed()).
CREATE TABLE search_generation(n INTEGER NOT NULL);
INSERT INTO search_generation VALUES(0);
CREATE TRIGGER search_generation_document_i AFTER INSERT ON document
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_document_u AFTER UPDATE ON document
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_document_d AFTER DELETE ON document
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_body_i AFTER INSERT ON body
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_body_u AFTER UPDATE ON body
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_body_d AFTER DELETE ON body
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_topic_i AFTER INSERT ON topic
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_topic_u AFTER UPDATE ON topic
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_topic_d AFTER DELETE ON topic
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_organisation_i AFTER INSERT ON organisation
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_organisation_u AFTER UPDATE ON organisation
  BEGIN UPDATE search_generation SET n=n+1; END;
CREATE TRIGGER search_generation_organisation_d AFTER DELETE ON organisation
  BEGIN UPDATE search_generation SET n=n+1; END;
