"""Schema migrations: named, ordered, each applied once in one transaction (see Database.migrate).

Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_articles_claims",
        [
            """CREATE TABLE articles (
                article_id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                language TEXT NOT NULL,
                source TEXT,
                url TEXT,
                published TEXT,
                date_context TEXT,
                data_cutoff TEXT,
                notes TEXT NOT NULL DEFAULT '[]',
                text TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                path TEXT,
                ingested_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE claims (
                rowid INTEGER PRIMARY KEY,
                claim_id TEXT NOT NULL UNIQUE,
                article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                start INTEGER NOT NULL,
                end INTEGER NOT NULL,
                kind TEXT NOT NULL,
                quantities TEXT NOT NULL DEFAULT '[]',
                dates TEXT NOT NULL DEFAULT '[]',
                entities TEXT NOT NULL DEFAULT '[]',
                source_name TEXT,
                source_kind TEXT,
                worthiness REAL NOT NULL DEFAULT 0,
                worthiness_reasons TEXT NOT NULL DEFAULT '[]',
                paragraph INTEGER NOT NULL DEFAULT 0,
                context TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL DEFAULT '',
                search_keys TEXT NOT NULL DEFAULT '',
                active INTEGER NOT NULL DEFAULT 1
            )""",
            "CREATE INDEX claims_article ON claims(article_id, start)",
            "CREATE VIRTUAL TABLE claim_terms USING fts5(terms, detail=none)",
            "CREATE VIRTUAL TABLE claim_terms_vocab USING fts5vocab(claim_terms, 'row')",
        ],
    ),
    (
        "0002_verdicts",
        [
            """CREATE TABLE verdicts (
                verdict_id INTEGER PRIMARY KEY,
                claim_id TEXT NOT NULL REFERENCES claims(claim_id),
                label TEXT NOT NULL,
                confidence REAL NOT NULL,
                rationale_zh TEXT NOT NULL,
                rationale_en TEXT NOT NULL,
                signals TEXT NOT NULL DEFAULT '[]',
                source TEXT NOT NULL CHECK (source IN ('auto', 'reviewer')),
                author TEXT,
                engine_version TEXT,
                evidence_fingerprint TEXT,
                evidence_url TEXT,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX verdicts_claim ON verdicts(claim_id, source, verdict_id)",
        ],
    ),
    (
        "0003_checks_reviews",
        [
            """CREATE TABLE checks (
                check_id INTEGER PRIMARY KEY,
                query TEXT NOT NULL,
                origin TEXT NOT NULL,
                user_id TEXT,
                channel_id TEXT,
                status TEXT NOT NULL,
                claim_id TEXT REFERENCES claims(claim_id),
                score REAL,
                alternatives TEXT NOT NULL DEFAULT '[]',
                created_at TEXT NOT NULL,
                message_ts TEXT,
                thread_ts TEXT,
                repointed_by TEXT
            )""",
            "CREATE INDEX checks_claim ON checks(claim_id)",
            "CREATE INDEX checks_thread ON checks(channel_id, thread_ts)",
            "CREATE INDEX checks_created ON checks(created_at)",
            """CREATE TABLE review_notes (
                note_id INTEGER PRIMARY KEY,
                check_id INTEGER NOT NULL REFERENCES checks(check_id),
                channel_id TEXT NOT NULL,
                ts TEXT NOT NULL,
                user_id TEXT,
                text TEXT NOT NULL,
                created_at TEXT NOT NULL,
                edited_at TEXT,
                deleted_at TEXT,
                UNIQUE (channel_id, ts)
            )""",
        ],
    ),
    (
        "0004_slack_outbox",
        [
            # Every Slack post or update, written in the same transaction as the data it announces.
            """CREATE TABLE outbox (
                item_id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                check_id INTEGER REFERENCES checks(check_id),
                verdict_id INTEGER REFERENCES verdicts(verdict_id),
                channel_id TEXT,
                thread_ts TEXT,
                reply_url TEXT,
                payload TEXT NOT NULL DEFAULT '{}',
                status TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at REAL NOT NULL,
                last_error TEXT,
                delivered_ts TEXT,
                created_at REAL NOT NULL,
                updated_at REAL
            )""",
            "CREATE INDEX outbox_due ON outbox(status, next_attempt_at)",
            "CREATE INDEX outbox_check ON outbox(check_id, item_id)",
            # Slack event ids already handled: a retried delivery of the same event is ignored.
            "CREATE TABLE seen_events (event_id TEXT PRIMARY KEY, seen_at TEXT NOT NULL)",
            "ALTER TABLE checks ADD COLUMN repointed_at TEXT",
            "ALTER TABLE checks ADD COLUMN proposed_by TEXT",
            "ALTER TABLE checks ADD COLUMN proposed_at TEXT",
            "CREATE INDEX checks_message ON checks(channel_id, message_ts)",
            "CREATE INDEX review_notes_check ON review_notes(check_id)",
        ],
    ),
    (
        "0005_article_places",
        # Places an article names anywhere: lookup weighs a query's places against its subject.
        ["ALTER TABLE articles ADD COLUMN places TEXT NOT NULL DEFAULT '[]'"],
    ),
    (
        "0006_digests",
        [
            # One row per digest period and channel, inserted before anything is posted: the unique key is
            # what makes two instances (or a restart) post a period once.
            """CREATE TABLE digests (
                digest_id INTEGER PRIMARY KEY,
                channel_id TEXT NOT NULL,
                slot TEXT NOT NULL,
                period_start TEXT NOT NULL,
                period_end TEXT NOT NULL,
                origin TEXT NOT NULL CHECK (origin IN ('schedule', 'manual')),
                status TEXT NOT NULL CHECK (status IN ('queued', 'skipped_empty')),
                outbox_id INTEGER REFERENCES outbox(item_id),
                claimed_by TEXT NOT NULL,
                claimed_at TEXT NOT NULL,
                UNIQUE (channel_id, slot)
            )""",
            "CREATE INDEX digests_end ON digests(channel_id, period_end)",
            "CREATE INDEX verdicts_created ON verdicts(created_at)",
        ],
    ),
    (
        "0007_term_df",
        # Document frequency per index term, kept by save_articles. fts5vocab computes it by reading
        # the term's whole doclist (milliseconds for a common term at a million claims).
        [
            "CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
            "INSERT INTO term_df (term, df) SELECT term, doc FROM claim_terms_vocab",
        ],
    ),
    (
        "0008_check_intake",
        [
            # A /checkclaim is stored here before Slack hears "on its way", and answered (a check and its
            # outbox items) afterwards: what a crash leaves pending is answered at the next start.
            """CREATE TABLE intake (
                intake_id INTEGER PRIMARY KEY,
                query TEXT NOT NULL,
                origin TEXT NOT NULL,
                user_id TEXT,
                channel_id TEXT NOT NULL,
                thread_ts TEXT,
                reply_url TEXT,
                received_at TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'answered', 'refused')),
                check_id INTEGER REFERENCES checks(check_id),
                error TEXT,
                done_at TEXT
            )""",
            "CREATE INDEX intake_pending ON intake(intake_id) WHERE status = 'pending'",
        ],
    ),
    (
        "0009_delivery_leases",
        [
            # An item being sent holds a lease until lease_until: once it expires the item is due again
            # (after a look-up for the message it may have posted), with no restart needed.
            "ALTER TABLE outbox ADD COLUMN lease_until REAL",
            "CREATE INDEX outbox_lease ON outbox(status, lease_until)",
            # A Slack event being handled: claimed at arrival with a short lease, so a retry that arrives
            # while the first delivery runs is acknowledged and ignored; released if that run fails.
            """CREATE TABLE event_claims (
                event_id TEXT PRIMARY KEY,
                lease_until REAL NOT NULL,
                claimed_at REAL NOT NULL
            ) WITHOUT ROWID""",
        ],
    ),
    (
        "0010_text_versions",
        [
            # A check of a message (long text answered claim by claim, bot/lookup/message.py): its kind,
            # the ingested text the whole is a version of, and one row per claim found in it.
            "ALTER TABLE checks ADD COLUMN kind TEXT NOT NULL DEFAULT 'query'",
            "ALTER TABLE checks ADD COLUMN version_of TEXT REFERENCES articles(article_id)",
            "ALTER TABLE checks ADD COLUMN version_similarity REAL",
            # A sample of each article's character 3-grams (bot/store/versions.py): which ingested texts
            # a message may be a version of. ``shingled`` is the sha256 of the text last indexed.
            "ALTER TABLE articles ADD COLUMN shingled TEXT",
            """CREATE TABLE text_shingles (
                shingle INTEGER NOT NULL,
                article_id TEXT NOT NULL,
                PRIMARY KEY (shingle, article_id)
            ) WITHOUT ROWID""",
            "CREATE TABLE shingle_df (shingle INTEGER PRIMARY KEY, df INTEGER NOT NULL)",
            """CREATE INDEX articles_unshingled ON articles(article_id)
               WHERE shingled IS NULL OR shingled != sha256""",
            """CREATE TABLE message_claims (
                check_id INTEGER NOT NULL REFERENCES checks(check_id),
                position INTEGER NOT NULL,
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT,
                claim_id TEXT REFERENCES claims(claim_id),
                score REAL,
                PRIMARY KEY (check_id, position)
            ) WITHOUT ROWID""",
        ],
    ),
    (
        "0011_lookup_picks",
        [
            # "Did you mean": a person's pick of the claim a query meant (claim_id NULL: none of these),
            # reused for the same or a near query. Shingles index the normalised query for near ones.
            """CREATE TABLE lookup_picks (
                pick_id INTEGER PRIMARY KEY,
                check_id INTEGER REFERENCES checks(check_id),
                user_id TEXT NOT NULL,
                query TEXT NOT NULL,
                normalized TEXT NOT NULL,
                claim_id TEXT REFERENCES claims(claim_id),
                kind TEXT NOT NULL CHECK (kind IN ('this_one', 'none')),
                shingle_count INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                CHECK ((kind = 'none') = (claim_id IS NULL))
            )""",
            "CREATE INDEX lookup_picks_normalized ON lookup_picks(normalized)",
            """CREATE TABLE lookup_pick_shingles (
                shingle TEXT NOT NULL,
                pick_id INTEGER NOT NULL REFERENCES lookup_picks(pick_id),
                PRIMARY KEY (shingle, pick_id)
            ) WITHOUT ROWID""",
            # The pick that answered a check: made in its thread, or an earlier one for the same query.
            "ALTER TABLE checks ADD COLUMN pick_id INTEGER REFERENCES lookup_picks(pick_id)",
        ],
    ),
    (
        "0013_claim_families",
        [
            # Claims of different articles that make the same assertion (bot/desk/families.py): a
            # reviewer's ruling on one is carried to the others. Membership is the current state; every
            # change to it, and every ruling carried or applied, is an event row (nothing overwritten).
            """CREATE TABLE claim_families (
                family_id INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE family_members (
                claim_id TEXT PRIMARY KEY REFERENCES claims(claim_id),
                family_id INTEGER NOT NULL REFERENCES claim_families(family_id),
                matched_claim_id TEXT REFERENCES claims(claim_id),
                score REAL,
                joined_at TEXT NOT NULL
            ) WITHOUT ROWID""",
            "CREATE INDEX family_members_family ON family_members(family_id)",
            """CREATE TABLE family_events (
                event_id INTEGER PRIMARY KEY,
                family_id INTEGER NOT NULL REFERENCES claim_families(family_id),
                claim_id TEXT NOT NULL REFERENCES claims(claim_id),
                event TEXT NOT NULL CHECK (event IN ('joined', 'ruled', 'applied', 'split')),
                verdict_id INTEGER REFERENCES verdicts(verdict_id),
                actor TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX family_events_family ON family_events(family_id, event_id)",
            "CREATE INDEX family_events_claim ON family_events(claim_id, event)",
            # Verbatim copies (a re-post) meet on their folded text without a lookup.
            "CREATE INDEX claims_search_text ON claims(search_text) WHERE active = 1",
        ],
    ),
    (
        "0012_article_requests",
        [
            # Articles offered from Slack (a link, a message or file, a modal): stored before the ack,
            # fetched and analysed in the background (bot/desk/articles.py), so a restart loses none.
            """CREATE TABLE article_requests (
                request_id INTEGER PRIMARY KEY,
                way TEXT NOT NULL CHECK (way IN ('url', 'text', 'file')),
                url TEXT,
                text TEXT,
                title TEXT,
                source TEXT,
                published TEXT,
                file_id TEXT,
                user_id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                reply_url TEXT,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'refused')),
                error TEXT,
                article_id TEXT REFERENCES articles(article_id),
                sha256 TEXT,
                outcome TEXT CHECK (outcome IN ('new', 'updated', 'unchanged')),
                claims INTEGER,
                triage_item INTEGER REFERENCES outbox(item_id),
                received_at TEXT NOT NULL,
                done_at TEXT
            )""",
            "CREATE INDEX article_requests_pending ON article_requests(status, request_id)",
            "CREATE INDEX article_requests_article ON article_requests(article_id, sha256)",
            "CREATE INDEX article_requests_done ON article_requests(done_at)",
        ],
    ),
    (
        "0014_check_part",
        [
            # The one assertion of a several-assertion text that a check's answer is for (bot/lookup/match.py).
            "ALTER TABLE checks ADD COLUMN part TEXT",
        ],
    ),
]
