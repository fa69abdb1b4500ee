import type { OrganizationKind, Role } from '../../../shared/roles';
import {
  type Organization,
  type OrganizationCreate,
  type OrganizationMembers,
  type OrganizationPatch,
  userStatusOf,
} from '../../../shared/schemas/accounts';
import { organizations } from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { organizationsPolicy as policy } from './organizations.policy';
import * as repo from './organizations.repository';

type ListedRow = Awaited<ReturnType<typeof repo.findOrganizations>>[number];

function toOrganization({ organization, memberCount }: ListedRow): Organization {
  return {
    id: organization.id,
    kind: organization.kind as OrganizationKind,
    name: organization.name,
    nameEn: organization.nameEn,
    municipalityId: organization.municipalityId,
    isActive: organization.isActive,
    memberCount: Number(memberCount),
    version: organization.version,
  };
}

function duplicateName(existing: repo.OrganizationRow, input: { name?: string | undefined }): AppError {
  const field = input.name === existing.name ? 'name' : 'nameEn';
  return new AppError('DUPLICATE', {
    fields: [
      {
        path: [field],
        code: 'duplicate',
        ja: `同じ名前の組織（${existing.name}）が既にあります。`,
        en: `An organization with this name (${existing.nameEn}) already exists.`,
      },
    ],
  });
}

/** The organizations people work for: prefecture divisions, the council, member companies, municipalities. */
export function createOrganizationsService(deps: ServiceDeps) {
  const { db } = deps;

  async function loadOrganization(actor: Actor, id: string): Promise<Organization> {
    const [row] = await repo.findOrganizations(db, actor.prefectureId, { id });
    if (!row) throw new AppError('NOT_FOUND');
    return toOrganization(row);
  }

  return {
    async list(ctx: RequestContext, query: { kind?: OrganizationKind | undefined }): Promise<Organization[]> {
      const actor = requireActor(ctx);
      const rows = policy.canListAll(actor, actor.prefectureId)
        ? await repo.findOrganizations(db, actor.prefectureId, { kind: query.kind })
        : await repo.findOrganizations(db, actor.prefectureId, {
            kind: query.kind,
            id: actor.organizationId,
          });
      return rows.map(toOrganization);
    },

    async create(ctx: RequestContext, input: OrganizationCreate): Promise<Organization> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor, actor.prefectureId));
      // The request schema refuses it already; this guards callers that bypass the schema.
      if ((input.kind as string) === 'municipality') {
        throw fieldError(
          ['kind'],
          '市町村の組織は市町村マスタの取り込みで作成されます。手作業では作成できません。',
          'Municipality organizations are created by the municipality master import, not by hand.',
          'municipality_by_import',
        );
      }
      const existing = await repo.findOrganizationNamed(db, actor.prefectureId, input, null);
      if (existing) throw duplicateName(existing, input);
      const created = await db.transaction(async (tx) => {
        const row = await repo.insertOrganization(tx, {
          prefectureId: actor.prefectureId,
          kind: input.kind,
          name: input.name,
          nameEn: input.nameEn,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await recordAudit(tx, ctx, {
          action: 'organization.create',
          entityType: 'organization',
          entityId: row.id,
          after: row,
        });
        return row;
      });
      return loadOrganization(actor, created.id);
    },

    async update(ctx: RequestContext, id: string, patch: OrganizationPatch): Promise<Organization> {
      const actor = requireActor(ctx);
      // Another prefecture's organization is reported as absent.
      const current = await repo.findOrganization(db, actor.prefectureId, id);
      if (!current) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, current.prefectureId));
      const { version, ...values } = patch;
      const isRenaming =
        (values.name !== undefined && values.name !== current.name) ||
        (values.nameEn !== undefined && values.nameEn !== current.nameEn);
      if (current.kind === 'municipality' && isRenaming) {
        throw fieldError(
          [values.name !== undefined && values.name !== current.name ? 'name' : 'nameEn'],
          '市町村の組織名は市町村マスタに従います。名称は市町村マスタで変更してください。',
          'A municipality organization is named after the municipality master; change the name there.',
          'municipality_name_from_master',
        );
      }
      if (isRenaming) {
        const existing = await repo.findOrganizationNamed(db, actor.prefectureId, values, id);
        if (existing) throw duplicateName(existing, values);
      }
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              organizations,
              id,
              version,
              values,
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'organization.update',
              entityType: 'organization',
              entityId: id,
              before: current,
              after: updated,
            });
          }),
        () => loadOrganization(actor, id),
      );
      return loadOrganization(actor, id);
    },

    /**
     * The people of one organization. Administrators see every account with
     * its status; a member sees their active colleagues' names, addresses and
     * roles; anyone else is refused.
     */
    async listMembers(ctx: RequestContext, id: string): Promise<OrganizationMembers> {
      const actor = requireActor(ctx);
      const organization = await repo.findOrganization(db, actor.prefectureId, id);
      if (!organization) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canViewMembers(actor, organization));
      const withStatus = policy.canSeeMemberStatus(actor);
      const members = await repo.findMembers(db, id, { activeOnly: !withStatus });
      return {
        organization: {
          id: organization.id,
          kind: organization.kind as OrganizationKind,
          name: organization.name,
          nameEn: organization.nameEn,
        },
        members: members.map((user) => ({
          id: user.id,
          displayName: user.displayName,
          email: user.email,
          roles: user.roles as Role[],
          ...(withStatus
            ? {
                status: userStatusOf(
                  {
                    isActive: user.isActive,
                    hasPassword: user.passwordHash !== null,
                    lockedUntil: user.lockedUntil,
                  },
                  ctx.now,
                ),
              }
            : {}),
        })),
      };
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
