-- CreateTable
CREATE TABLE "events" (
    "global_position" BIGSERIAL NOT NULL,
    "transaction_id" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "event_id" UUID NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "causation_id" TEXT,
    "correlation_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("global_position")
);

-- CreateTable
CREATE TABLE "event_streams" (
    "stream_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "last_hash" BYTEA NOT NULL,
    "last_transaction_id" xid8 NOT NULL DEFAULT '0'::xid8,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_streams_pkey" PRIMARY KEY ("stream_id")
);

-- CreateTable
CREATE TABLE "event_consumers" (
    "consumer_id" TEXT NOT NULL,
    "lock_key" SERIAL NOT NULL,
    "transaction_id" xid8 NOT NULL DEFAULT '0'::xid8,
    "global_position" BIGINT NOT NULL DEFAULT 0,
    "revision" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_consumers_pkey" PRIMARY KEY ("consumer_id")
);

-- CreateTable
CREATE TABLE "event_digests" (
    "seq" BIGINT NOT NULL,
    "from_transaction_id" xid8 NOT NULL,
    "from_position" BIGINT NOT NULL,
    "to_transaction_id" xid8 NOT NULL,
    "to_position" BIGINT NOT NULL,
    "event_count" INTEGER NOT NULL,
    "events_hash" BYTEA NOT NULL,
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,
    "key_id" TEXT,
    "signature" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_digests_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "event_receipts" (
    "consumer_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" BIGINT NOT NULL,
    "event_id" UUID NOT NULL,
    "applied_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_receipts_pkey" PRIMARY KEY ("consumer_id","stream_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");

-- CreateIndex
CREATE INDEX "events_transaction_id_global_position_idx" ON "events"("transaction_id", "global_position");

-- CreateIndex
CREATE UNIQUE INDEX "events_stream_id_stream_version_key" ON "events"("stream_id", "stream_version");

-- CreateIndex
CREATE UNIQUE INDEX "event_consumers_lock_key_key" ON "event_consumers"("lock_key");


-- ===========================================================================
-- What schema.prisma cannot express: immutability triggers, the NOTIFY
-- trigger and the append function. packages/event-store/README.md ("Schema")
-- explains each; the drift test compares tables only.
-- ===========================================================================

-- Events and digests are facts: never updated, deleted or truncated. A
-- superuser can still disable these triggers (ALTER TABLE ... DISABLE TRIGGER,
-- session_replication_role = replica); the hash chain and the digests exist to
-- make that detectable.
CREATE FUNCTION "event_store_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'GH001',
          HINT = 'events and digests are never changed; append a compensating event instead';
END;
$$;

CREATE TRIGGER "events_append_only"
  BEFORE UPDATE OR DELETE ON "events"
  FOR EACH ROW EXECUTE FUNCTION "event_store_refuse_change"();
CREATE TRIGGER "events_no_truncate"
  BEFORE TRUNCATE ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_store_refuse_change"();
CREATE TRIGGER "event_digests_append_only"
  BEFORE UPDATE OR DELETE ON "event_digests"
  FOR EACH ROW EXECUTE FUNCTION "event_store_refuse_change"();
CREATE TRIGGER "event_digests_no_truncate"
  BEFORE TRUNCATE ON "event_digests"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_store_refuse_change"();
-- Stream heads move forward through event_store_append only; they are never removed.
CREATE TRIGGER "event_streams_no_delete"
  BEFORE DELETE ON "event_streams"
  FOR EACH ROW EXECUTE FUNCTION "event_store_refuse_change"();
CREATE TRIGGER "event_streams_no_truncate"
  BEFORE TRUNCATE ON "event_streams"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_store_refuse_change"();

-- Wakes live consumers (LISTEN gatehouse_events). NOTIFY is delivered at
-- commit and folded to one per transaction; consumers also poll, so a lost
-- notification only delays them. A transaction that NOTIFYs holds a
-- cluster-wide lock through its commit (WAL flush included), which serialises
-- such commits; so the store's own single-statement appends set
-- gatehouse.notify_after_commit and send one coalesced NOTIFY per moment from
-- the application after they committed. Every other insert notifies here.
CREATE FUNCTION "event_store_notify"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('gatehouse.notify_after_commit', true), '') <> 'on' THEN
    PERFORM pg_notify('gatehouse_events', '');
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "events_notify"
  AFTER INSERT ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_store_notify"();

-- Appends a batch to one stream in one statement (one round trip).
--   p_expected_kind: 'any' | 'no_stream' | 'stream_exists' | 'exact' (p_expected_version)
--   p_events: [{ event_id, type, schema_version, actor, causation_id, correlation_id,
--                occurred_at, data, metadata, content_hash (hex SHA-256 of the canonical form) }]
-- Order of work, so that a refused append writes nothing and draws no sequence value:
--   1. lock the stream (advisory transaction lock, then the head row FOR UPDATE; a new
--      stream's head is created only after the checks);
--   2. idempotency: if the event ids exist, the same events at consecutive versions of this
--      stream => 'idempotent' with the recorded positions, anything else => 'event_id_conflict';
--   3. expected version => 'wrong_expected_version';
--   4. transaction order: the head's last writer must have a transaction id <= ours, so that
--      (transaction_id, global_position) order keeps each stream's version order;
--      otherwise 'transaction_order' (the caller retries in a new transaction);
--   5. draw global positions, chain the hashes, insert, move the head.
-- Statuses are returned, not raised, so a caller's surrounding transaction stays usable.
-- p_notify_after_commit: the caller will NOTIFY itself once committed (see event_store_notify).
-- Event hash = SHA-256(prev_hash || int8(stream_version) || int8(recorded_at in µs) || content_hash).
CREATE FUNCTION "event_store_append"(
  p_stream_id text,
  p_expected_kind text,
  p_expected_version bigint,
  p_events jsonb,
  p_notify_after_commit boolean DEFAULT false
) RETURNS TABLE (
  out_status text,
  out_version bigint,
  out_transaction_id xid8,
  out_recorded_at timestamptz,
  out_positions bigint[]
)
LANGUAGE plpgsql
-- Every statement here is a key lookup. PL/pgSQL caches generic plans per
-- session: planned while a table was small, a seq scan or hash join would stay
-- cached as the table grows (measured: appends slowing linearly with the log in
-- a long-lived pooled session). Pin index access instead of re-planning per call.
SET enable_seqscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_exists boolean;
  v_version bigint;
  v_last_hash bytea;
  v_last_xid xid8;
  v_matching integer;
  v_same integer;
  v_min_offset bigint;
  v_max_offset bigint;
  v_xid xid8;
  v_now timestamptz;
  v_now_us bigint;
  v_positions bigint[] := '{}';
  v_prev_hashes bytea[] := '{}';
  v_hashes bytea[] := '{}';
  v_prev bytea;
  v_attempt integer := 0;
BEGIN
  -- Serialise appends to this stream before this transaction takes an id (an
  -- advisory lock assigns none, unlike FOR UPDATE or INSERT): the previous writer
  -- has then committed, so our transaction id is larger than its, unless the
  -- caller's transaction wrote something earlier (step 4 catches that).
  -- Keys: 'GHET' and the stream id's hash; a collision only serialises two streams.
  PERFORM pg_advisory_xact_lock(1195918676, hashtext(p_stream_id));

  LOOP
    v_attempt := v_attempt + 1;

    SELECT s.version, s.last_hash, s.last_transaction_id
      INTO v_version, v_last_hash, v_last_xid
      FROM event_streams s
     WHERE s.stream_id = p_stream_id
       FOR UPDATE;
    v_exists := FOUND;
    IF NOT v_exists THEN
      v_version := 0;
      v_last_hash := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
      v_last_xid := '0'::xid8;
    END IF;

    IF v_count > 0 THEN
      SELECT count(*)::integer,
             (count(*) FILTER (
                WHERE e.stream_id = p_stream_id
                  AND e.type = n.ev->>'type'
                  AND e.schema_version = (n.ev->>'schema_version')::integer
                  AND e.actor = n.ev->>'actor'
                  AND e.causation_id IS NOT DISTINCT FROM n.ev->>'causation_id'
                  AND e.correlation_id IS NOT DISTINCT FROM n.ev->>'correlation_id'
                  AND e.data = n.ev->'data'
                  AND e.metadata = COALESCE(n.ev->'metadata', '{}'::jsonb)))::integer,
             min(e.stream_version - n.ord),
             max(e.stream_version - n.ord)
        INTO v_matching, v_same, v_min_offset, v_max_offset
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
        JOIN events e ON e.event_id = (n.ev->>'event_id')::uuid;
      IF v_matching > 0 THEN
        IF v_matching = v_count AND v_same = v_count AND v_min_offset = v_max_offset THEN
          RETURN QUERY
            SELECT 'idempotent'::text,
                   max(e.stream_version),
                   (array_agg(e.transaction_id))[1],
                   min(e.recorded_at),
                   array_agg(e.global_position ORDER BY e.stream_version)
              FROM events e
             WHERE e.event_id IN (SELECT (x->>'event_id')::uuid FROM jsonb_array_elements(p_events) AS x);
        ELSE
          RETURN QUERY SELECT 'event_id_conflict'::text, v_version, NULL::xid8, NULL::timestamptz, NULL::bigint[];
        END IF;
        RETURN;
      END IF;
    END IF;

    IF (p_expected_kind = 'no_stream' AND v_version <> 0)
       OR (p_expected_kind = 'stream_exists' AND v_version = 0)
       OR (p_expected_kind = 'exact' AND v_version IS DISTINCT FROM p_expected_version) THEN
      RETURN QUERY SELECT 'wrong_expected_version'::text, v_version, NULL::xid8, NULL::timestamptz, NULL::bigint[];
      RETURN;
    END IF;

    IF v_count = 0 THEN
      RETURN QUERY SELECT 'appended'::text, v_version, NULL::xid8, NULL::timestamptz, v_positions;
      RETURN;
    END IF;

    EXIT WHEN v_exists;
    INSERT INTO event_streams (stream_id, version, last_hash, last_transaction_id)
    VALUES (p_stream_id, 0, v_last_hash, '0'::xid8)
    ON CONFLICT DO NOTHING;
    EXIT WHEN FOUND;
    -- Created concurrently: start over with that head locked (its checks may now fail).
    IF v_attempt >= 3 THEN
      RAISE EXCEPTION 'stream % could not be locked (is the transaction READ COMMITTED?)', p_stream_id
        USING ERRCODE = 'serialization_failure';
    END IF;
  END LOOP;

  v_xid := pg_current_xact_id();
  IF v_last_xid > v_xid THEN
    RETURN QUERY SELECT 'transaction_order'::text, v_version, v_xid, NULL::timestamptz, NULL::bigint[];
    RETURN;
  END IF;

  v_now := clock_timestamp();
  v_now_us := (extract(epoch FROM v_now) * 1000000)::bigint;
  v_prev := v_last_hash;
  FOR i IN 1..v_count LOOP
    v_positions[i] := nextval('events_global_position_seq');
    v_prev_hashes[i] := v_prev;
    v_prev := sha256(v_prev || int8send(v_version + i) || int8send(v_now_us)
                     || decode(p_events->(i - 1)->>'content_hash', 'hex'));
    v_hashes[i] := v_prev;
  END LOOP;

  IF p_notify_after_commit THEN
    PERFORM set_config('gatehouse.notify_after_commit', 'on', true);
  END IF;

  INSERT INTO events (global_position, transaction_id, event_id, stream_id, stream_version, type,
                      schema_version, actor, causation_id, correlation_id, occurred_at, recorded_at,
                      data, metadata, prev_hash, hash)
  SELECT v_positions[n.ord], v_xid, (n.ev->>'event_id')::uuid, p_stream_id, v_version + n.ord,
         n.ev->>'type', (n.ev->>'schema_version')::integer, n.ev->>'actor',
         n.ev->>'causation_id', n.ev->>'correlation_id', (n.ev->>'occurred_at')::timestamptz, v_now,
         n.ev->'data', COALESCE(n.ev->'metadata', '{}'::jsonb), v_prev_hashes[n.ord], v_hashes[n.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord);

  UPDATE event_streams
     SET version = v_version + v_count, last_hash = v_prev, last_transaction_id = v_xid, updated_at = v_now
   WHERE stream_id = p_stream_id;

  RETURN QUERY SELECT 'appended'::text, v_version + v_count, v_xid, v_now, v_positions;
END;
$$;
