-- Up Migration

-- The journalstatus log of publications, per row and only for rows whose status changes. The
-- statement trigger with transition tables joined its old and new rows with a nested loop (the
-- planner cannot count a transition table, so it guesses one row): quadratic in the rows a statement
-- moves, and it ran for every claim and hand-over too, though those never change a journalstatus.
-- A row trigger's WHEN is checked without calling the function, so those moves now cost nothing.
DROP TRIGGER publications_log_changes ON publications;
DROP FUNCTION archive_changes_on_publications();

CREATE FUNCTION archive_journalstatus_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  VALUES (NEW.tenant_id, 'journalpost', NEW.notice_id, NEW.channel, NEW.target, 'journalstatus',
          herald_journalstatus(NULL, OLD.state), herald_journalstatus(OLD.state, NEW.state), 'Herald');
  RETURN NULL;
END;
$$;
-- `superseded` carries no journalstatus: the journalpost goes on with the new version.
CREATE TRIGGER publications_log_journalstatus AFTER UPDATE OF state ON publications
  FOR EACH ROW
  WHEN (NEW.state <> OLD.state AND NEW.state <> 'superseded' AND OLD.state <> 'superseded'
        AND herald_journalstatus(NULL, OLD.state) IS DISTINCT FROM herald_journalstatus(OLD.state, NEW.state))
  EXECUTE FUNCTION archive_journalstatus_change();

-- A superseded post that was out gets its next document version: log the version change.
CREATE FUNCTION archive_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT NEW.tenant_id, 'dokumentbeskrivelse', NEW.notice_id, NEW.channel, NEW.target, 'versjonsnummer',
         NEW.notice_version::text, n.current_version::text, 'Herald'
    FROM notices n WHERE n.id = NEW.notice_id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER publications_log_version AFTER UPDATE OF state ON publications
  FOR EACH ROW
  WHEN (NEW.state = 'superseded' AND OLD.state IN ('published', 'delivered'))
  EXECUTE FUNCTION archive_version_change();

-- Down Migration
DROP TRIGGER publications_log_version ON publications;
DROP TRIGGER publications_log_journalstatus ON publications;
DROP FUNCTION archive_version_change();
DROP FUNCTION archive_journalstatus_change();

CREATE FUNCTION archive_changes_on_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_changes (tenant_id, unit, notice_id, channel, target, metadata, previous_value, new_value, changed_by)
  SELECT n.tenant_id, 'journalpost', n.notice_id, n.channel, n.target, 'journalstatus',
         herald_journalstatus(NULL, o.state), herald_journalstatus(o.state, n.state), 'Herald'
    FROM changed_new n JOIN changed_old o ON o.id = n.id
   WHERE n.state <> o.state AND n.state <> 'superseded' AND o.state <> 'superseded'
     AND herald_journalstatus(NULL, o.state) IS DISTINCT FROM herald_journalstatus(o.state, n.state);
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
