-- Incidents on the responders' phones (issue 9 §3): the field app registers victims
-- offline and must know the open incidents of its villages. Incidents travel through
-- /sync/pull as entity `disaster_incident`; each change is logged once per affected
-- village, so the pull's scope filter (village prefix) finds it for every regency.
CREATE FUNCTION pilar_track_incident() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'incident_area' THEN
    -- A village added: the incident (new or grown) reaches that village's responders.
    INSERT INTO sync_change (entity_type, entity_id, village_code, op, version, fields)
    SELECT 'disaster_incident', NEW.incident_id, NEW.village_code, 'update', i.version, ARRAY['areas']
    FROM incident i WHERE i.id = NEW.incident_id;
  ELSE
    -- The incident itself changed (status, title…): every affected village hears of it.
    INSERT INTO sync_change (entity_type, entity_id, village_code, op, version, fields)
    SELECT 'disaster_incident', NEW.id, ia.village_code, 'update', NEW.version, ARRAY['incident']
    FROM incident_area ia WHERE ia.incident_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_area_sync AFTER INSERT ON incident_area
  FOR EACH ROW EXECUTE FUNCTION pilar_track_incident();
CREATE TRIGGER incident_sync AFTER UPDATE ON incident
  FOR EACH ROW EXECUTE FUNCTION pilar_track_incident();
