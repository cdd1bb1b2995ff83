import {
  IncidentDashboardSchema,
  IncidentDashboardVillageSchema,
  RapidAssessmentCreateSchema,
  RapidAssessmentSchema,
  type RapidAssessmentCreate,
} from '@pilar/domain/contracts';
import { z } from 'zod';
import type { FieldError } from '../../platform/errors';

/**
 * Optional GPS of a rapid needs assessment: where the responders stood when they
 * collected the figures. The area data has no village coordinates, so these positions
 * are what places the affected villages on the incident map (issue 9 §7). The schema
 * checks only the types; the Indonesian bounds are checked by `gpsErrors` so that the
 * message says what is wrong in words.
 */
const Gps = {
  lat: z.number().optional(),
  lng: z.number().optional(),
  accuracyM: z.number().optional(),
};

export const AssessmentCreateSchema = RapidAssessmentCreateSchema.extend(Gps);
export type AssessmentCreate = RapidAssessmentCreate & {
  lat?: number | undefined;
  lng?: number | undefined;
  accuracyM?: number | undefined;
};

export const AssessmentSchema = RapidAssessmentSchema.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracyM: z.number().nullable(),
});
export const AssessmentListSchema = z.object({ items: z.array(AssessmentSchema) });

/** A village's place on the map: the newest assessment with GPS (no person data). */
export const VillagePointSchema = z.object({
  lat: z.number(),
  lng: z.number(),
  accuracyM: z.number().nullable(),
  assessedAt: z.string(),
});
export type VillagePoint = z.infer<typeof VillagePointSchema>;

const DashboardVillageSchema = IncidentDashboardVillageSchema.extend({ point: VillagePointSchema.nullable() });
/** The incident dashboard plus the map: a point per village and the configured tile server (null: no tiles). */
export const DashboardWithMapSchema = IncidentDashboardSchema.extend({
  villages: z.array(DashboardVillageSchema),
  tiles: z.object({ url: z.string(), attribution: z.string().nullable() }).nullable(),
});

/** Indonesia from Sabang to Merauke, Rote to Miangas, with a margin for the sea. */
export const INDONESIA = { lat: [-11, 6], lng: [94, 142] } as const;

const within = (v: number, [min, max]: readonly [number, number]) => Number.isFinite(v) && v >= min && v <= max;

/** Field errors for the GPS of an assessment: both coordinates or neither, inside Indonesia, accuracy ≥ 0. */
export function gpsErrors(input: {
  lat?: number | undefined;
  lng?: number | undefined;
  accuracyM?: number | undefined;
}): FieldError[] {
  const errors: FieldError[] = [];
  const hasLat = input.lat !== undefined;
  const hasLng = input.lng !== undefined;
  if (hasLat !== hasLng) {
    errors.push({
      field: hasLat ? 'lng' : 'lat',
      code: 'assessment.gps_pair',
      message: { id: 'Isi lintang dan bujur bersama-sama', en: 'Give latitude and longitude together' },
    });
  }
  if (hasLat && !within(input.lat!, INDONESIA.lat)) {
    errors.push({
      field: 'lat',
      code: 'assessment.gps_lat',
      message: {
        id: 'Lintang (lat) harus antara −11 dan 6 (wilayah Indonesia)',
        en: 'Latitude (lat) must be between −11 and 6 (Indonesia)',
      },
    });
  }
  if (hasLng && !within(input.lng!, INDONESIA.lng)) {
    errors.push({
      field: 'lng',
      code: 'assessment.gps_lng',
      message: {
        id: 'Bujur (lng) harus antara 94 dan 142 (wilayah Indonesia)',
        en: 'Longitude (lng) must be between 94 and 142 (Indonesia)',
      },
    });
  }
  if (input.accuracyM !== undefined) {
    if (!hasLat && !hasLng) {
      errors.push({
        field: 'accuracyM',
        code: 'assessment.gps_accuracy_alone',
        message: {
          id: 'Akurasi GPS hanya diisi bersama lintang dan bujur',
          en: 'GPS accuracy goes only with latitude and longitude',
        },
      });
    } else if (!(Number.isFinite(input.accuracyM) && input.accuracyM >= 0)) {
      errors.push({
        field: 'accuracyM',
        code: 'assessment.gps_accuracy',
        message: { id: 'Akurasi GPS (meter) tidak boleh negatif', en: 'GPS accuracy (metres) cannot be negative' },
      });
    }
  }
  return errors;
}
