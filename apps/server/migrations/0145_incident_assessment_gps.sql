-- Where a rapid needs assessment was taken (issue 9 §7, the map of affected villages):
-- the area data has no village coordinates, so a village sits on the map at the GPS
-- position its responders recorded. Optional, always given as a pair, inside Indonesia.
ALTER TABLE incident_assessment
  ADD COLUMN lat        double precision CHECK (lat BETWEEN -11 AND 6),
  ADD COLUMN lng        double precision CHECK (lng BETWEEN 94 AND 142),
  ADD COLUMN accuracy_m double precision CHECK (accuracy_m >= 0),
  ADD CONSTRAINT incident_assessment_gps_pair CHECK ((lat IS NULL) = (lng IS NULL)),
  ADD CONSTRAINT incident_assessment_gps_accuracy CHECK (accuracy_m IS NULL OR lat IS NOT NULL);

-- The newest assessment with a position, per village (the dashboard map).
CREATE INDEX incident_assessment_gps_idx ON incident_assessment (incident_id, village_code, assessed_at DESC, id DESC)
  WHERE lat IS NOT NULL;
