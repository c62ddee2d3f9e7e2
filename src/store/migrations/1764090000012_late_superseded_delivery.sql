-- Up Migration

-- A superseded version's delivery that landed after its correction's goes from `superseded` to
-- `withdrawing`, for the take-down that puts the current version back (src/store/late-delivery.ts).
-- `superseded` carries no journalstatus (the journalpost goes on with the new version), so there is
-- no status to log a change from: such a move is no status change of the journalpost either.
CREATE OR REPLACE FUNCTION archive_changes_on_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'journalpost', n.notice_id, n.channel, n.target, 'journalstatus',
         herald_journalstatus(NULL, o.state), herald_journalstatus(o.state, n.state), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state <> o.state AND n.state <> 'superseded' AND o.state <> 'superseded'
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

-- Down Migration
CREATE OR REPLACE FUNCTION archive_changes_on_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'journalpost', n.notice_id, n.channel, n.target, 'journalstatus',
         herald_journalstatus(NULL, o.state), herald_journalstatus(o.state, n.state), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state <> o.state AND n.state <> 'superseded'
     AND herald_journalstatus(NULL, o.state) IS DISTINCT FROM herald_journalstatus(o.state, n.state);
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'dokumentbeskrivelse', n.notice_id, n.channel, n.target, 'versjonsnummer',
         n.notice_version::text, (SELECT current_version::text FROM notices WHERE id = n.notice_id), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state = 'superseded' AND o.state IN ('published', 'delivered');
  RETURN NULL;
END;
$$;
