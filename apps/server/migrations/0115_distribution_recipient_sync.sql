-- The expected recipients of a distribution travel to the PSM's phone (issue 8 §4):
-- the field check-in screen works offline from the frozen list. Rows of the list are
-- only inserted (frozen when the event is created), so the change log carries them once.
CREATE TRIGGER distribution_recipient_sync AFTER INSERT OR UPDATE OR DELETE ON distribution_recipient
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('distribution_recipient', 'village_code', 'person_id');
