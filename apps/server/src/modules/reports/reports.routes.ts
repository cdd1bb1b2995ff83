import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DashboardExportSchema,
  DisputeAnswerSchema,
  DisputeCreateSchema,
  ExportBodySchema,
  FileUploadResultSchema,
  LetterheadSchema,
  LetterheadUpdateSchema,
  MonthlyReportGenerateSchema,
  MonthlyReportListQuerySchema,
  MonthlyReportListSchema,
  MonthlyReportReviewSchema,
  MonthlyReportSchema,
  ProblemSchema,
  VersionBodySchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import { activityRoutes } from '../activities/activities.routes';
import { dashboardRoutes } from '../dashboard/dashboard.routes';
import { publicStatsRoutes } from '../public/public.routes';
import { exportDashboardTable } from './dashboard-export.service';
import { getLetterhead, putLetterhead, uploadLogo } from './letterhead.service';
import { exportReport } from './monthly.export';
import * as monthly from './monthly.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const OfficeParams = z.object({ areaCode: z.string().max(5).regex(/^(ID|\d{2}(\.\d{2})?)$/, 'ID, a province (33) or a regency (33.72)') });
const File = z.any().describe('the file bytes (PDF or XLSX)');

type Sent = { bytes: Buffer; contentType: string; filename: string };
const sendFile = (reply: { header(k: string, v: string | number): unknown; send(b: Buffer): unknown }, f: Sent) => {
  reply.header('content-type', f.contentType);
  reply.header('content-disposition', `attachment; filename="${f.filename}"`);
  reply.header('cache-control', 'private, no-store');
  return reply.send(f.bytes);
};

/**
 * Monitoring and reports (issue 7): the activity log, the dashboard, public statistics,
 * monthly PSM reports with disputes, exports and letterheads, registered as one plugin.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(activityRoutes);
  await app.register(dashboardRoutes);
  await app.register(publicStatsRoutes);
  const tags = ['reports'];

  app.post('/monthly-reports', { schema: { tags, summary: 'Make (or remake, while a draft) one’s monthly report from one’s activity log', body: MonthlyReportGenerateSchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.generateReport(ctx, req.body)));
  app.get('/monthly-reports', { schema: { tags, summary: 'Monthly reports: one’s own, or those of an area (activity.read / report.review)', querystring: MonthlyReportListQuerySchema, response: { 200: MonthlyReportListSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.listReports(ctx, req.query)));
  app.get('/monthly-reports/:id', { schema: { tags, summary: 'One monthly report with its figures, entries and disputes', params: IdParams, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.getReport(ctx, req.params.id)));
  app.post('/monthly-reports/:id/submit', { schema: { tags, summary: 'Submit one’s report to the IPSM coordinator', params: IdParams, body: VersionBodySchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.submitReport(ctx, req.params.id, req.body.version)));
  app.post('/monthly-reports/:id/review', { schema: { tags, summary: 'Review: feedback and which entries count (report.review)', params: IdParams, body: MonthlyReportReviewSchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.reviewReport(ctx, req.params.id, req.body)));
  app.post('/monthly-reports/:id/disputes', { schema: { tags, summary: 'The PSM disputes an entry, with a comment the reviewer must answer', params: IdParams, body: DisputeCreateSchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.disputeEntry(ctx, req.params.id, req.body)));
  app.post('/monthly-reports/:id/disputes/:disputeId/answer', { schema: { tags, summary: 'The reviewer answers a dispute', params: z.object({ id: z.uuid(), disputeId: z.uuid() }), body: DisputeAnswerSchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.answerDispute(ctx, req.params.id, req.params.disputeId, req.body)));
  app.post('/monthly-reports/:id/finalise', { schema: { tags, summary: 'Finalise a reviewed report (refused while a dispute is unanswered)', params: IdParams, body: VersionBodySchema, response: { 200: MonthlyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => monthly.finaliseReport(ctx, req.params.id, req.body.version)));
  app.post('/monthly-reports/:id/export', { schema: { tags, summary: 'The report as PDF or XLSX with the office letterhead (purpose audited)', params: IdParams, body: ExportBodySchema, response: { 200: File, ...errors } } },
    async (req, reply) => sendFile(reply, await req.run((ctx) => exportReport(ctx, req.params.id, req.body))));

  app.post('/dashboard/exports', { schema: { tags: ['dashboard'], summary: 'Export a dashboard table as PDF (letterhead, date, signature) or XLSX; the purpose is audited', body: DashboardExportSchema, response: { 200: File, ...errors } } },
    async (req, reply) => sendFile(reply, await req.run((ctx) => exportDashboardTable(ctx, req.body))));

  app.get('/letterheads/:areaCode', { schema: { tags, summary: 'The letterhead (kop surat) used for an office’s exports (or the fallback)', params: OfficeParams, response: { 200: LetterheadSchema, ...errors } } },
    async (req) => req.run((ctx) => getLetterhead(ctx, req.params.areaCode)));
  app.put('/letterheads/:areaCode', { schema: { tags, summary: 'Set an office’s letterhead (report.configure)', params: OfficeParams, body: LetterheadUpdateSchema, response: { 200: LetterheadSchema, ...errors } } },
    async (req) => req.run((ctx) => putLetterhead(ctx, req.params.areaCode, req.body)));
  app.post('/letterheads/:areaCode/logo', { schema: { tags, summary: 'Upload a logo (PNG/JPEG, multipart field "file") for a letterhead', params: OfficeParams, response: { 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema } } },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim logo sebagai multipart/form-data (kolom "file")', en: 'Send the logo as multipart/form-data (field "file")' } }]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => uploadLogo(ctx, req.params.areaCode, bytes)));
    });
};
