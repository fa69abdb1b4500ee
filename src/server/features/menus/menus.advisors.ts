import type { AdvisorProfile, AdvisorProfilePut } from '../../../shared/schemas/menus';
import type { Database } from '../../db/client';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { menusPolicy as policy } from './menus.policy';
import type { MenusRecords } from './menus.records';
import * as repo from './menus.repository';

/**
 * Advisor profiles: skills, qualifications, past projects. The advisor or their company edits
 * them; the prefecture reads every company's members. Anyone else sees only advisors: users who
 * have a profile or are named on a selected menu. Any other company user is "not found", so an id
 * reveals no name or organization.
 */
export function createMenusAdvisors({ db, records }: { db: Database; records: MenusRecords }) {
  /** The company user behind an id, if the actor may see them; 404 otherwise. */
  async function visibleCompanyUser(actor: Actor, userId: string) {
    const [user] = await repo.findUsers(db, actor.prefectureId, { ids: [userId] });
    if (user?.organizationKind !== 'company') throw new AppError('NOT_FOUND');
    if (policy.canSeeCompanyMember(actor, user)) return user;
    const [profile] = await repo.findProfiles(db, actor.prefectureId, [userId]);
    if (profile || (await repo.isAdvisorOfSelectedMenu(db, actor.prefectureId, userId))) return user;
    throw new AppError('NOT_FOUND');
  }

  return {
    async listAdvisors(ctx: RequestContext, organizationId: string | undefined): Promise<AdvisorProfile[]> {
      const { actor } = signedIn(ctx);
      const orgId = organizationId ?? actor.organizationId;
      assertAllowed(policy.canListAdvisors(actor, orgId));
      const members = (await repo.findUsers(db, actor.prefectureId, { organizationId: orgId })).filter(
        (u) => u.isActive && u.organizationKind === 'company',
      );
      return records.advisorProfilesOf(
        actor,
        members.map((m) => m.id),
      );
    },

    async getAdvisor(ctx: RequestContext, userId: string): Promise<AdvisorProfile> {
      const { actor } = signedIn(ctx);
      await visibleCompanyUser(actor, userId);
      return (await records.advisorProfilesOf(actor, [userId]))[0]!;
    },

    async putAdvisor(ctx: RequestContext, userId: string, input: AdvisorProfilePut): Promise<AdvisorProfile> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const target = await visibleCompanyUser(actor, userId);
      assertAllowed(policy.canEditProfile(actor, target));
      const [existing] = await repo.findProfiles(db, actor.prefectureId, [userId]);
      const values = {
        skills: input.skills,
        qualifications: input.qualifications,
        pastProjects: input.pastProjects,
        bio: input.bio,
      };
      const current = async () => (await records.advisorProfilesOf(actor, [userId]))[0] ?? null;
      if (!existing) {
        await records.createAudited(
          ctx,
          { action: 'advisor_profile.create', entityType: 'advisor_profile' },
          (tx) =>
            repo.insertProfile(tx, {
              prefectureId: actor.prefectureId,
              userId,
              ...values,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            }),
        );
        return (await current())!;
      }
      if (input.version === undefined) throw new AppError('VERSION_CONFLICT', { current: await current() });
      return repo.changeProfile(db, signed, {
        id: existing.id,
        version: input.version,
        values,
        audit: { action: 'advisor_profile.update', entityType: 'advisor_profile', before: existing },
        reload: current,
      });
    },
  };
}
