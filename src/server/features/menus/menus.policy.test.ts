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

  it('only the prefecture decides (a proposal under review) and assigns reviewers (once submitted)', () => {
    const admin = actor(['prefecture_admin'], { organizationKind: 'prefecture' });
    const member = actor(['company_member']);
    expect(policy.canDecide(admin, { status: 'submitted' })).toBe(true);
    expect(policy.canDecide(admin, { status: 'selected' })).toBe(true);
    expect(policy.canDecide(admin, { status: 'draft' })).toBe(false);
    expect(policy.canDecide(admin, { status: 'returned' })).toBe(false);
    expect(policy.canDecide(member, { status: 'submitted' })).toBe(false);
    expect(policy.canAssignReviewers(admin, { status: 'returned' })).toBe(true);
    expect(policy.canAssignReviewers(admin, { status: 'draft' })).toBe(false);
    expect(policy.canAssignReviewers(actor(['reviewer']), { status: 'submitted' })).toBe(false);
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

  it('recommendations: own municipality for municipal users; any for the prefecture; none for the council', () => {
    const staff = actor(['municipality_staff'], { organizationKind: 'municipality', municipalityId: 'm1' });
    expect(policy.canRecommendFor(staff, 'm1')).toBe(true);
    expect(policy.canRecommendFor(staff, 'm2')).toBe(false);
    expect(
      policy.canRecommendFor(actor(['prefecture_admin'], { organizationKind: 'prefecture' }), 'm2'),
    ).toBe(true);
    // Recommendations are derived from a town's survey answers, which the secretariat may not read.
    const council = actor(['council_secretariat'], { organizationKind: 'council' });
    expect(policy.canRecommendFor(council, 'm2')).toBe(false);
    expect(policy.canRecommendFor({ ...council, roles: ['council_secretariat', 'reviewer'] }, 'm2')).toBe(
      false,
    );
    expect(policy.canRecommendFor(actor(['company_member']), 'm1')).toBe(false);
    expect(policy.canRecommendFor(actor(['company_member', 'reviewer']), 'm1')).toBe(false);
  });

  it('conflict of interest: a reviewer of the proposing organization (a company holding the reviewer role)', () => {
    expect(policy.hasConflictOfInterest({ organizationId: 'orgA' }, { organizationId: 'orgA' })).toBe(true);
    expect(policy.hasConflictOfInterest({ organizationId: 'orgB' }, { organizationId: 'orgA' })).toBe(false);
  });

  it('any member of a company is seen by the prefecture, the member and their company only', () => {
    const target = { id: 'u9', organizationId: 'orgA' };
    expect(
      policy.canSeeCompanyMember(actor(['prefecture_admin'], { organizationKind: 'prefecture' }), target),
    ).toBe(true);
    expect(policy.canSeeCompanyMember(actor(['company_member']), target)).toBe(true);
    expect(policy.canSeeCompanyMember(actor(['reviewer'], { userId: 'u9' }), target)).toBe(true);
    expect(policy.canSeeCompanyMember(actor(['company_member'], { organizationId: 'orgB' }), target)).toBe(
      false,
    );
    // A reviewer of company A who is not a company member does not see its colleagues' details.
    expect(policy.canSeeCompanyMember(actor(['reviewer']), target)).toBe(false);
    expect(
      policy.canSeeCompanyMember(actor(['municipality_staff'], { organizationKind: 'municipality' }), target),
    ).toBe(false);
  });

  it('an advisor profile is edited by the advisor or a member of the same company', () => {
    expect(policy.canEditProfile(actor(['reviewer']), { id: 'u1', organizationId: 'orgZ' })).toBe(true);
    expect(policy.canEditProfile(actor(['company_member']), { id: 'u9', organizationId: 'orgA' })).toBe(true);
    expect(policy.canEditProfile(actor(['company_member']), { id: 'u9', organizationId: 'orgB' })).toBe(
      false,
    );
  });
});
