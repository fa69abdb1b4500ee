import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import type { Actor } from '../../platform/context';
import { menusPolicy as policy } from './menus.policy';

const actor = (roles: Role[], o: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  prefectureId: 'p',
  organizationId: 'orgA',
  organizationKind: 'company',
  municipalityId: null,
  roles,
  email: 'x@example.jp',
  displayName: 'x',
  ...o,
});

describe('menusPolicy', () => {
  const proposal = { organizationId: 'orgA', status: 'draft' };

  it('a company member edits its own draft or returned proposal only', () => {
    const member = actor(['company_member']);
    expect(policy.canEditProposal(member, proposal)).toBe(true);
    expect(policy.canEditProposal(member, { ...proposal, status: 'returned' })).toBe(true);
    expect(policy.canEditProposal(member, { ...proposal, status: 'submitted' })).toBe(false);
    expect(policy.canEditProposal(member, { ...proposal, organizationId: 'orgB' })).toBe(false);
    expect(policy.canEditProposal(actor(['company_member'], { organizationKind: 'council' }), proposal)).toBe(
      false,
    );
  });

  it('reads a proposal: admin, its company, or an assigned reviewer', () => {
    const other = { organizationId: 'orgB' };
    expect(
      policy.canReadProposal(actor(['prefecture_admin'], { organizationKind: 'prefecture' }), other, []),
    ).toBe(true);
    expect(policy.canReadProposal(actor(['company_member']), other, [])).toBe(false);
    const reviewer = actor(['reviewer'], { organizationKind: 'prefecture' });
    expect(policy.canReadProposal(reviewer, other, ['u1'])).toBe(true);
    expect(policy.canReadProposal(reviewer, other, ['u2'])).toBe(false);
  });

  it('others’ scores: admin always; a reviewer only after submitting their own', () => {
    const reviewer = actor(['reviewer']);
    expect(policy.canSeeOthersScores(reviewer, { status: 'assigned' })).toBe(false);
    expect(policy.canSeeOthersScores(reviewer, { status: 'conflict' })).toBe(false);
    expect(policy.canSeeOthersScores(reviewer, null)).toBe(false);
    expect(policy.canSeeOthersScores(reviewer, { status: 'submitted' })).toBe(true);
    expect(policy.canSeeOthersScores(actor(['prefecture_admin']), null)).toBe(true);
  });

  it('recommendations: own municipality for municipal users; any for admin and council', () => {
    const staff = actor(['municipality_staff'], { organizationKind: 'municipality', municipalityId: 'm1' });
    expect(policy.canRecommendFor(staff, 'm1')).toBe(true);
    expect(policy.canRecommendFor(staff, 'm2')).toBe(false);
    expect(
      policy.canRecommendFor(actor(['council_secretariat'], { organizationKind: 'council' }), 'm2'),
    ).toBe(true);
    expect(policy.canRecommendFor(actor(['company_member']), 'm1')).toBe(false);
  });

  it('an advisor profile is edited by the advisor or a member of the same company', () => {
    expect(policy.canEditProfile(actor(['reviewer']), { id: 'u1', organizationId: 'orgZ' })).toBe(true);
    expect(policy.canEditProfile(actor(['company_member']), { id: 'u9', organizationId: 'orgA' })).toBe(true);
    expect(policy.canEditProfile(actor(['company_member']), { id: 'u9', organizationId: 'orgB' })).toBe(
      false,
    );
  });
});
