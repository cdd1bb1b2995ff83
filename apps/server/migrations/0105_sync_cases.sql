-- Cases and assessments on the PSM's phone (issue 6): their changes enter the sync
-- change log like persons' (0030_sync.sql), scoped by village, tied to the person.
CREATE TRIGGER ppks_case_sync AFTER INSERT OR UPDATE OR DELETE ON ppks_case
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('case', 'village_code', 'person_id');
CREATE TRIGGER assessment_sync AFTER INSERT OR UPDATE OR DELETE ON assessment
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('assessment', 'village_code', 'person_id');
