import type { Call, CallCreate, CallPatch } from '../../../shared/schemas/applications';
import type { Database } from '../../db/client';
import { type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { applicationsPolicy as policy } from './applications.policy';
import type { ApplicationsRecords } from './applications.records';
import * as repo from './applications.repository';

/**
 * The call (公募) of an advisor-dispatch program: opened once per program by the prefecture, with
 * the limits it sets; its state follows the program's `call` phases and the runs.
 */
export function createApplicationsCalls({ db, records }: { db: Database; records: ApplicationsRecords }) {
  return {
    async listCalls(ctx: RequestContext, fiscalYearId: string): Promise<Call[]> {
      const { actor } = signedIn(ctx);
      if (!(await repo.findFiscalYear(db, actor.prefectureId, fiscalYearId))) throw new AppError('NOT_FOUND');
      const rows = await repo.findCalls(db, actor.prefectureId, { fiscalYearId });
      return records.presentCalls(db, actor, rows, ctx.now);
    },

    async getCall(ctx: RequestContext, id: string): Promise<Call> {
      const { actor } = signedIn(ctx);
      const call = await records.loadCall(actor, id, ctx.now);
      if (!call) throw new AppError('NOT_FOUND');
      return call;
    },

    async createCall(ctx: RequestContext, input: CallCreate): Promise<Call> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isAdmin(actor));
      const program = await repo.findProgram(db, actor.prefectureId, input.programId);
      if (!program)
        throw fieldError(['programId'], '事業が見つかりません。', 'Program not found.', 'not_found');
      if (program.kind !== 'advisor_dispatch')
        throw fieldError(
          ['programId'],
          '公募はアドバイザー派遣事業にのみ設けられます。',
          'A call can be opened only for an advisor-dispatch program.',
          'not_advisor_dispatch',
        );
      if (await repo.findCallByProgram(db, program.id)) throw new AppError('DUPLICATE');
      const created = await records
        .createAudited(ctx, { action: 'application_call.create', entityType: 'application_call' }, (tx) =>
          repo.insertCall(tx, {
            prefectureId: actor.prefectureId,
            programId: program.id,
            fiscalYearId: program.fiscalYearId,
            maxChoices: input.maxChoices,
            maxProjectsPerMunicipality: input.maxProjectsPerMunicipality,
            headConfirmationRequired: input.headConfirmationRequired,
            priorityWeights: input.priorityWeights,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          }),
        )
        .catch((err: unknown) => {
          // Two admins opening the same program's call at once: the unique index decides.
          if (
            (err as { cause?: { code?: string } }).cause?.code === '23505' ||
            (err as { code?: string }).code === '23505'
          )
            throw new AppError('DUPLICATE');
          throw err;
        });
      return (await records.loadCall(actor, created.id, ctx.now))!;
    },

    async updateCall(ctx: RequestContext, id: string, input: CallPatch): Promise<Call> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.isAdmin(actor));
      const { call } = await records.requireCall(db, actor, id);
      const { version, ...changes } = input;
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return repo.changeCall(db, signed, {
        id,
        version,
        values,
        audit: { action: 'application_call.update', entityType: 'application_call', before: call },
        reload: () => records.loadCall(actor, id, ctx.now),
      });
    },
  };
}
