import type { CaseStatus } from '../../../shared/schemas/cases';
import { type Actor, hasRole, isPrefectureAdmin } from '../../platform/context';

interface CaseFacts {
  status: CaseStatus;
  municipalityId: string;
  organizationId: string | null;
  /** Set once the case was first sent to the municipality. */
  submittedAt: Date | null;
}

const editableStatuses: readonly CaseStatus[] = ['draft', 'unpublished'];

/**
 * Who may do what with a case study. The prefecture drafts for any municipality and gives the
 * final approval; a company drafts the cases of its own projects; the municipality approves (or
 * returns) the cases about itself, and sees them from the moment they are sent to it. Published
 * cases are everyone's through the public routes; these rules are for the workflow.
 */
export const casesPolicy = {
  isAdmin(actor: Actor | null): actor is Actor {
    return isPrefectureAdmin(actor);
  },
  /** The company a company member acts for. */
  companyOf(actor: Actor): string | null {
    return hasRole(actor, 'company_member') && actor.organizationKind === 'company'
      ? actor.organizationId
      : null;
  },
  /** The municipality whose staff or head the actor is. */
  townOf(actor: Actor): string | null {
    return hasRole(actor, 'municipality_staff', 'municipality_head') &&
      actor.organizationKind === 'municipality'
      ? actor.municipalityId
      : null;
  },
  /** Whose cases the list shows: all, one town's (once submitted), one company's, or none (403). */
  listScope(actor: Actor): { all: true } | { municipalityId: string } | { organizationId: string } | null {
    if (this.isAdmin(actor)) return { all: true };
    const town = this.townOf(actor);
    if (town) return { municipalityId: town };
    const company = this.companyOf(actor);
    if (company) return { organizationId: company };
    return null;
  },
  canCreate(actor: Actor): boolean {
    return this.isAdmin(actor) || this.companyOf(actor) !== null;
  },
  /** Drafting from a project (or about one): the prefecture, or the company delivering it. */
  canDraftForProject(actor: Actor, project: { organizationId: string | null }): boolean {
    if (this.isAdmin(actor)) return true;
    const company = this.companyOf(actor);
    return company !== null && project.organizationId === company;
  },
  isDrafter(actor: Actor, c: CaseFacts): boolean {
    if (this.isAdmin(actor)) return true;
    const company = this.companyOf(actor);
    return company !== null && c.organizationId === company;
  },
  canRead(actor: Actor, c: CaseFacts): boolean {
    if (this.isDrafter(actor, c)) return true;
    return this.townOf(actor) === c.municipalityId && (c.status !== 'draft' || c.submittedAt !== null);
  },
  canEdit(actor: Actor, c: CaseFacts): boolean {
    return this.isDrafter(actor, c) && editableStatuses.includes(c.status);
  },
  canSubmit(actor: Actor, c: CaseFacts): boolean {
    return this.canEdit(actor, c);
  },
  /** The approver of the current step: the town, then the prefecture. */
  canApprove(actor: Actor, c: CaseFacts): boolean {
    if (c.status === 'awaiting_municipality') return this.townOf(actor) === c.municipalityId;
    if (c.status === 'awaiting_prefecture') return this.isAdmin(actor);
    return false;
  },
  canReturn(actor: Actor, c: CaseFacts): boolean {
    return this.canApprove(actor, c);
  },
  canUnpublish(actor: Actor, c: CaseFacts): boolean {
    return this.isAdmin(actor) && c.status === 'published';
  },
};
