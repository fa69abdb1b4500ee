import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type BulkAssignmentResult,
  bulkAssignmentSchema,
  MAX_BULK_PROPOSALS,
  MAX_BULK_REVIEWERS,
} from '../../../shared/schemas/menus';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox, CheckboxGroup } from '../../components/Checkbox';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n';
import { menusCalls, useInvalidateMenus, useProposals, useReviewers } from './api';

/** Assigns the chosen reviewers to the chosen submitted proposals in one request. */
export function BulkAssignReviewers({ fiscalYearId }: { fiscalYearId: string }) {
  const { t, pick } = useI18n();
  const proposals = useProposals(fiscalYearId, 'submitted');
  const reviewers = useReviewers();
  const invalidate = useInvalidateMenus();
  const form = useVersionedForm('bulk-assign');
  const [proposalIds, setProposalIds] = useState<string[]>([]);
  const [reviewerUserIds, setReviewerUserIds] = useState<string[]>([]);
  const [result, setResult] = useState<BulkAssignmentResult | null>(null);
  const assign = useMutation({
    mutationFn: menusCalls.assignMany,
    onSuccess: async (done) => {
      form.clear();
      setResult(done);
      setProposalIds([]);
      setReviewerUserIds([]);
      await invalidate();
    },
    onError: form.showError,
  });
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  const message = (path: string) => {
    const error = form.fieldError([path]);
    return error ? pick(error) : undefined;
  };
  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (assign.isPending) return;
        const body = { proposalIds, reviewerUserIds };
        if (!form.check(bulkAssignmentSchema, body)) return;
        setResult(null);
        assign.mutate(body);
      }}
    >
      {result && (
        <Alert tone="success" isLive>
          {t('menus.bulk.done', {
            assigned: result.assigned.length,
            existing: result.skipped.filter((s) => s.reason === 'already_assigned').length,
            conflicts: result.skipped.filter((s) => s.reason === 'conflict_of_interest').length,
          })}
        </Alert>
      )}
      <ErrorSummary errors={form} />
      <QueryState query={proposals}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('menus.bulk.noProposals')} />
          ) : (
            <CheckboxGroup
              id={form.id(['proposalIds'])}
              legend={t('menus.bulk.proposals')}
              hint={t('menus.bulk.proposalsHint', { max: MAX_BULK_PROPOSALS })}
              error={message('proposalIds')}
            >
              {items.map((p) => (
                <Checkbox
                  key={p.id}
                  label={`${p.title}（${p.organizationName}）`}
                  checked={proposalIds.includes(p.id)}
                  onChange={(e) => setProposalIds((list) => toggle(list, p.id, e.target.checked))}
                />
              ))}
            </CheckboxGroup>
          )
        }
      </QueryState>
      <QueryState query={reviewers}>
        {(items) => (
          <CheckboxGroup
            id={form.id(['reviewerUserIds'])}
            legend={t('menus.bulk.reviewers')}
            hint={t('menus.bulk.reviewersHint', { max: MAX_BULK_REVIEWERS })}
            error={message('reviewerUserIds')}
          >
            {items.map((r) => (
              <Checkbox
                key={r.userId}
                label={`${r.displayName}（${r.organizationName}）`}
                checked={reviewerUserIds.includes(r.userId)}
                onChange={(e) => setReviewerUserIds((list) => toggle(list, r.userId, e.target.checked))}
              />
            ))}
          </CheckboxGroup>
        )}
      </QueryState>
      <div>
        <Button type="submit" isBusy={assign.isPending}>
          {t('menus.bulk.submit', { proposals: proposalIds.length, reviewers: reviewerUserIds.length })}
        </Button>
      </div>
    </form>
  );
}
