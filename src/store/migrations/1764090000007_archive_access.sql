-- Up Migration

-- Archivists' access to the archive (search, public journal, Noark 5 export, proof of publication).

-- A tenant's records by time: period filters, the public journal and the export select on it.
CREATE INDEX IF NOT EXISTS archive_records_recorded ON archive_records (tenant_id, recorded_at);
-- A notice's records: search by notice and the proof of publication.
CREATE INDEX IF NOT EXISTS archive_records_notice ON archive_records (notice_id, seq) WHERE notice_id IS NOT NULL;
-- One daily seal per tenant and local day, however many workers run the job at midnight.
CREATE UNIQUE INDEX IF NOT EXISTS archive_seal_day ON archive_records (tenant_id, (receipt ->> 'day')) WHERE event = 'seal';

-- The change log behind endringslogg.xml (Noark 5 vedlegg 3), recorded as changes happen, never
-- rebuilt at export: each row is one metadata element of one archive unit going from one value to
-- another. Units are named by what identifies them in Herald (the export turns that into the unit's
-- stable systemID):
--   arkivdel     tenant + year
--   saksmappe    notice_id
--   journalpost  notice_id + channel + target (one per post on one channel), or record_id for a
--                harvested comment (each comment is a journalpost of its own)
--   dokumentbeskrivelse  the main document of a journalpost (notice_id + channel + target)
CREATE TABLE archive_changes (
  id              bigserial PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  unit            text NOT NULL CHECK (unit IN ('arkivdel', 'saksmappe', 'journalpost', 'dokumentbeskrivelse')),
  notice_id       uuid,
  channel         text,
  target          text,
  record_id       bigint,
  year            integer,
  -- referanseMetadata: the Noark 5 element's name, e.g. journalstatus.
  metadata        text NOT NULL,
  previous_value  text NOT NULL CHECK (previous_value <> ''),
  new_value       text NOT NULL CHECK (new_value <> ''),
  changed_at      timestamptz(3) NOT NULL DEFAULT now(),
  changed_by      text NOT NULL CHECK (changed_by <> '')
);
CREATE INDEX archive_changes_notice ON archive_changes (tenant_id, notice_id);
-- The closing of a year's arkivdel is logged once, at its first export.
CREATE UNIQUE INDEX archive_changes_closing ON archive_changes (tenant_id, year, metadata) WHERE unit = 'arkivdel';

CREATE FUNCTION archive_changes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'archive_changes is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER archive_changes_no_update BEFORE UPDATE OR DELETE ON archive_changes
  FOR EACH ROW EXECUTE FUNCTION archive_changes_guard();
CREATE TRIGGER archive_changes_no_truncate BEFORE TRUNCATE ON archive_changes
  FOR EACH STATEMENT EXECUTE FUNCTION archive_changes_guard();

-- A publication's state as the Noark 5 journalstatus (M053) of its journalpost. `withdrawn` after
-- `withdrawing` was out (the take-down is archived, the post stays Ekspedert); withdrawn before it
-- went out, or failed, the post never was sent: Utgår.
CREATE FUNCTION herald_journalstatus(previous_state text, state text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN state IN ('pending', 'scheduled', 'publishing') THEN 'Journalført'
    WHEN state IN ('delivered', 'published', 'withdrawing') THEN 'Ekspedert'
    WHEN state = 'withdrawn' AND previous_state = 'withdrawing' THEN 'Ekspedert'
    WHEN state IN ('withdrawn', 'failed') THEN 'Utgår'
  END
$$;

-- Status changes, where they happen: every statement that moves publications (a worker's batch, a
-- withdrawal, a confirmation) logs the journalstatus changes it made, in its own transaction. A
-- correction's `superseded` is no status change of the post (it goes on with the new version).
CREATE FUNCTION archive_changes_on_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'journalpost', n.notice_id, n.channel, n.target, 'journalstatus',
         herald_journalstatus(NULL, o.state), herald_journalstatus(o.state, n.state), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state <> o.state AND n.state <> 'superseded'
     AND herald_journalstatus(NULL, o.state) IS DISTINCT FROM herald_journalstatus(o.state, n.state);
  -- A superseded post that was out gets its next document version: log the version change.
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'dokumentbeskrivelse', n.notice_id, n.channel, n.target, 'versjonsnummer',
         n.notice_version::text, (SELECT current_version::text FROM notices WHERE id = n.notice_id), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state = 'superseded' AND o.state IN ('published', 'delivered');
  RETURN NULL;
END;
$$;
CREATE TRIGGER publications_log_changes AFTER UPDATE ON publications
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION archive_changes_on_publications();

-- Withdrawals: the case (saksmappe) goes from Under behandling to Utgår (M052).
CREATE FUNCTION archive_changes_on_notices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'saksmappe', n.id, 'saksstatus', 'Under behandling', 'Utgår', 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.status = 'withdrawn' AND o.status <> 'withdrawn';
  RETURN NULL;
END;
$$;
CREATE TRIGGER notices_log_changes AFTER UPDATE ON notices
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION archive_changes_on_notices();

-- Corrections: a new version whose title differs changes the case's title (M020 tittel).
CREATE FUNCTION archive_changes_on_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, metadata, previous_value, new_value, changed_by)
  SELECT v.tenant_id, 'saksmappe', v.notice_id, 'tittel', p.content ->> 'title', v.content ->> 'title', u.name
    FROM added v
    JOIN notice_versions p ON p.notice_id = v.notice_id AND p.version = v.version - 1
    JOIN users u ON u.id = v.created_by
   WHERE v.version > 1 AND (p.content ->> 'title') IS DISTINCT FROM (v.content ->> 'title')
     AND coalesce(p.content ->> 'title', '') <> '' AND coalesce(v.content ->> 'title', '') <> '';
  RETURN NULL;
END;
$$;
CREATE TRIGGER notice_versions_log_changes AFTER INSERT ON notice_versions
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION archive_changes_on_versions();

-- Down Migration
-- The change log is part of the legal record: like archive_records, never dropped by a migration.
DROP TRIGGER notice_versions_log_changes ON notice_versions;
DROP TRIGGER notices_log_changes ON notices;
DROP TRIGGER publications_log_changes ON publications;
DROP FUNCTION archive_changes_on_versions();
DROP FUNCTION archive_changes_on_notices();
DROP FUNCTION archive_changes_on_publications();
DROP FUNCTION herald_journalstatus(text, text);
