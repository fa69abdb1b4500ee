import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type Proposal,
  type ProposalDecision,
  type ProposalReviews,
  proposalDecisionBodySchema,
  proposalDecisions,
  type Review,
  reviewPutSchema,
  type RubricCriterion,
  SCORE_MAX,
  SCORE_MIN,
} from '../../../shared/schemas/menus';
import { hasAnyRole, type SessionUser, useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { Select } from '../../components/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextArea } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm, validateWith } from '../../components/forms/useVersionedForm';
import { formatDateTime } from '../../lib/format';
import { menusCalls, useInvalidateMenus, useProposal, useProposalReviews, useReviewers } from './api';
import {
  formatScore,
  proposalDecisionLabels,
  proposalStatusLabels,
  proposalStatusTones,
  reviewStatusLabels,
  reviewStatusTones,
} from './labels';
import { MenuFacts } from './parts';
import { ProposalForm } from './ProposalForm';
import { RadioGroup } from './RadioGroup';

function DecisionNotice({ proposal }: { proposal: Proposal }) {
  const { t, pick, locale } = useI18n();
  if (!proposal.decision) return null;
  const tone =
    proposal.decision === 'selected' ? 'success' : proposal.decision === 'not_selected' ? 'error' : 'warning';
  return (
    <Alert
      tone={tone}
      title={t('menus.decision.noticeTitle', { decision: pick(proposalDecisionLabels[proposal.decision]) })}
    >
      {proposal.decisionReason && (
        <p className="whitespace-pre-wrap">
          {t('menus.decision.reason')}
          {locale === 'ja' ? '：' : ': '}
          {proposal.decisionReason}
        </p>
      )}
      {proposal.decidedAt && <p>{formatDateTime(proposal.decidedAt, locale)}</p>}
    </Alert>
  );
}

function SubmitProposal({ proposal }: { proposal: Proposal }) {
  const { t } = useI18n();
  const invalidate = useInvalidateMenus();
  const errors = useVersionedForm('proposal-submit');
  const submit = useMutation({
    mutationFn: () => menusCalls.submitProposal(proposal.id, { version: proposal.version }),
    onSuccess: () => invalidate(),
    onError: errors.showError,
  });
  return (
    <Section title={t('menus.submit.title')} description={t('menus.submit.description')} boxed>
      <ErrorSummary errors={errors} />
      <div>
        <Button onClick={() => submit.mutate()} isBusy={submit.isPending}>
          {t('menus.submit.button')}
        </Button>
      </div>
    </Section>
  );
}

/** Reviews as a table: reviewer, status, weighted total, each criterion, comment. */
function ReviewsTable({ data, caption }: { data: ProposalReviews; caption: string }) {
  const { t, pick, locale } = useI18n();
  if (data.items.length === 0) return <EmptyState title={t('menus.reviews.noneAssigned')} isCompact />;
  return (
    <Table caption={caption} captionHidden dense>
      <THead>
        <tr>
          <Th>{t('menus.reviews.reviewer')}</Th>
          <Th>{t('menus.status')}</Th>
          <Th numeric>{t('menus.ranking.weightedTotal')}</Th>
          {data.criteria.map((c) => (
            <Th key={c.key} numeric>
              {locale === 'ja' ? c.label : c.labelEn}
            </Th>
          ))}
          <Th>{t('menus.reviews.comment')}</Th>
        </tr>
      </THead>
      <TBody>
        {data.items.map((r) => (
          <Tr key={r.id}>
            <Td>{r.reviewerName}</Td>
            <Td>
              <Badge tone={reviewStatusTones[r.status]}>{pick(reviewStatusLabels[r.status])}</Badge>
            </Td>
            <Td numeric>{formatScore(r.weightedTotal)}</Td>
            {data.criteria.map((c) => (
              <Td key={c.key} numeric>
                {r.scores[c.key] ?? '—'}
              </Td>
            ))}
            <Td>
              <span className="whitespace-pre-wrap">
                {r.status === 'conflict' ? r.conflictReason : r.comment}
              </span>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function AdminPanel({ proposal }: { proposal: Proposal }) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateMenus();
  const reviews = useProposalReviews(proposal.id);
  const reviewers = useReviewers();
  const [reviewerId, setReviewerId] = useState('');
  const assignErrors = useVersionedForm('assign');
  const assign = useMutation({
    mutationFn: (reviewerUserId: string) => menusCalls.assign(proposal.id, { reviewerUserId }),
    onSuccess: async () => {
      assignErrors.clear();
      setReviewerId('');
      await invalidate();
    },
    onError: assignErrors.showError,
  });
  const unassign = useMutation({
    mutationFn: (r: Review) => menusCalls.unassign(r),
    onSuccess: () => invalidate(),
    onError: assignErrors.showError,
  });
  const assigned = new Set(reviews.data?.items.map((r) => r.reviewerUserId));
  const canAssign = proposal.can.assignReviewers;

  return (
    <>
      <Section title={t('menus.reviews.title')} boxed>
        <QueryState query={reviews}>
          {(data) => (
            <div className="flex flex-col gap-4">
              <ReviewsTable data={data} caption={t('menus.reviews.title')} />
              {data.items.some((r) => r.status !== 'submitted') && (
                <ul className="flex flex-col gap-2">
                  {data.items
                    .filter((r) => r.status !== 'submitted')
                    .map((r) => (
                      <li key={r.id} className="flex items-center gap-3">
                        <span>{r.reviewerName}</span>
                        <ConfirmButton
                          label={t('menus.reviews.unassign', { name: r.reviewerName })}
                          question={t('menus.reviews.unassignQuestion')}
                          confirmLabel={t('menus.reviews.unassignConfirm')}
                          onConfirm={() => unassign.mutate(r)}
                          isBusy={unassign.isPending}
                        />
                      </li>
                    ))}
                </ul>
              )}
            </div>
          )}
        </QueryState>
        {canAssign ? (
          <form
            noValidate
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (!reviewerId) {
                return assignErrors.showFields([
                  {
                    path: ['reviewerUserId'],
                    code: 'required',
                    ja: '審査員を選んでください。',
                    en: 'Choose a reviewer.',
                  },
                ]);
              }
              assign.mutate(reviewerId);
            }}
          >
            <ErrorSummary errors={assignErrors} />
            <div className="flex flex-wrap items-end gap-4">
              <Select
                id={assignErrors.id(['reviewerUserId'])}
                label={t('menus.reviews.assignLabel')}
                value={reviewerId}
                onChange={(e) => setReviewerId(e.target.value)}
                error={(() => {
                  const f = assignErrors.fieldError(['reviewerUserId']);
                  return f ? pick(f) : undefined;
                })()}
                className="min-w-72"
              >
                <option value="">{t('menus.reviews.choose')}</option>
                {(reviewers.data ?? [])
                  .filter((r) => !assigned.has(r.userId))
                  .map((r) => (
                    <option key={r.userId} value={r.userId}>
                      {r.displayName}（{r.organizationName}）
                    </option>
                  ))}
              </Select>
              <Button type="submit" variant="secondary" isBusy={assign.isPending}>
                {t('menus.reviews.assign')}
              </Button>
            </div>
          </form>
        ) : (
          <p className="text-std-16N-170 text-solid-gray-700">{t('menus.reviews.draftCannotAssign')}</p>
        )}
      </Section>
      {proposal.can.decide && <DecisionForm proposal={proposal} />}
    </>
  );
}

function DecisionForm({ proposal }: { proposal: Proposal }) {
  const { t, pick } = useI18n();
  const invalidate = useInvalidateMenus();
  const errors = useVersionedForm('decision');
  const [decision, setDecision] = useState<ProposalDecision | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const decide = useMutation({
    mutationFn: (body: Parameters<typeof menusCalls.decide>[1]) => menusCalls.decide(proposal.id, body),
    onSuccess: async () => {
      errors.clear();
      setDone(true);
      setReason('');
      await invalidate();
    },
    onError: errors.showError,
  });
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (decide.isPending) return;
    const body = { version: proposal.version, decision, reason };
    if (!errors.check(proposalDecisionBodySchema, body)) return;
    setDone(false);
    decide.mutate(body);
  }
  return (
    <Section title={t('menus.decision.title')} description={t('menus.decision.description')} boxed>
      {done && (
        <Alert tone="success" isLive>
          {t('menus.decision.saved')}
        </Alert>
      )}
      <form noValidate onSubmit={submit} className="flex flex-col gap-5">
        <ErrorSummary errors={errors} />
        <RadioGroup
          id={errors.id(['decision'])}
          legend={t('menus.decision.legend')}
          name="decision"
          value={decision}
          onChange={setDecision}
          options={proposalDecisions.map((d) => ({ value: d, label: pick(proposalDecisionLabels[d]) }))}
          error={errors.fieldMessage('decision')}
          isInline
        />
        <TextArea
          id={errors.id(['reason'])}
          label={t('menus.decision.reason')}
          hint={t('menus.decision.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.fieldMessage('reason')}
        />
        <div>
          <Button type="submit" isBusy={decide.isPending}>
            {t('menus.decision.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

function ScoreForm({ review, criteria }: { review: Review; criteria: RubricCriterion[] }) {
  const { t, pick, locale } = useI18n();
  const invalidate = useInvalidateMenus();
  const errors = useVersionedForm('review');
  const [scores, setScores] = useState<Record<string, number>>(review.scores);
  const [comment, setComment] = useState(review.comment);
  const [conflictReason, setConflictReason] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async (submitAfter: boolean) => {
      const body = { version: review.version, scores, comment };
      const updated = await menusCalls.saveReview(review.id, body);
      if (submitAfter) return menusCalls.submitReview(review.id, { version: updated.version });
      return updated;
    },
    onSuccess: async () => {
      errors.clear();
      setSaved(true);
      await invalidate();
    },
    onError: errors.showError,
  });
  const conflict = useMutation({
    mutationFn: () =>
      menusCalls.declareConflict(review.id, { version: review.version, reason: conflictReason }),
    onSuccess: () => invalidate(),
    onError: errors.showError,
  });
  function run(submitAfter: boolean) {
    if (save.isPending) return;
    const problems = validateWith(reviewPutSchema, { version: review.version, scores, comment });
    if (submitAfter) {
      for (const c of criteria) {
        if (scores[c.key] === undefined) {
          problems.push({
            path: ['scores', c.key],
            code: 'required',
            ja: `「${c.label}」を評価してください。`,
            en: `Score “${c.labelEn}”.`,
          });
        }
      }
    }
    if (problems.length > 0) return errors.showFields(problems);
    setSaved(false);
    save.mutate(submitAfter);
  }
  const points = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => String(SCORE_MIN + i));
  return (
    <Section title={t('menus.score.title')} description={t('menus.score.description')} boxed>
      {saved && (
        <Alert tone="success" isLive>
          {t('menus.score.saved')}
        </Alert>
      )}
      <form
        noValidate
        className="flex flex-col gap-6"
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <ErrorSummary errors={errors} />
        {criteria.map((c) => {
          const fe = errors.fieldError(['scores', c.key]);
          return (
            <RadioGroup
              key={c.key}
              id={errors.id(['scores', c.key])}
              name={`score-${c.key}`}
              legend={t('menus.score.criterion', {
                label: locale === 'ja' ? c.label : c.labelEn,
                weight: c.weight,
              })}
              value={scores[c.key] === undefined ? '' : String(scores[c.key])}
              onChange={(v) => setScores((s) => ({ ...s, [c.key]: Number(v) }))}
              options={points.map((p) => ({ value: p, label: p }))}
              error={fe ? pick(fe) : undefined}
              isInline
            />
          );
        })}
        <TextArea
          id={errors.id(['comment'])}
          label={t('menus.reviews.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        <div className="flex flex-wrap gap-4">
          <Button type="submit" isBusy={save.isPending}>
            {t('menus.score.submit')}
          </Button>
          <Button variant="secondary" onClick={() => run(false)} isBusy={save.isPending}>
            {t('menus.score.saveDraft')}
          </Button>
        </div>
      </form>
      <div className="flex flex-col gap-3 border-t border-solid-gray-420 pt-5">
        <h3 className="text-std-17B-170">{t('menus.conflict.title')}</h3>
        <p className="text-std-16N-170 text-solid-gray-700">{t('menus.conflict.description')}</p>
        <TextArea
          id={errors.id(['reason'])}
          label={t('menus.conflict.reason')}
          rows={2}
          value={conflictReason}
          onChange={(e) => setConflictReason(e.target.value)}
        />
        <div>
          <ConfirmButton
            label={t('menus.conflict.declare')}
            question={t('menus.conflict.question')}
            confirmLabel={t('menus.conflict.confirm')}
            onConfirm={() => conflict.mutate()}
            isBusy={conflict.isPending}
          />
        </div>
      </div>
    </Section>
  );
}

function ReviewerPanel({ proposal, user }: { proposal: Proposal; user: SessionUser }) {
  const { t } = useI18n();
  const reviews = useProposalReviews(proposal.id);
  return (
    <QueryState query={reviews}>
      {(data) => {
        const mine = data.items.find((r) => r.reviewerUserId === user.id);
        if (!mine) return null;
        return (
          <>
            {mine.status === 'assigned' ? (
              <ScoreForm key={mine.id} review={mine} criteria={data.criteria} />
            ) : (
              <Alert tone={mine.status === 'conflict' ? 'info' : 'success'}>
                {t(mine.status === 'conflict' ? 'menus.score.conflictDone' : 'menus.score.submittedDone')}
              </Alert>
            )}
            <Section title={t('menus.reviews.title')}>
              {data.othersHidden && <Alert tone="info">{t('menus.reviews.othersHidden')}</Alert>}
              <ReviewsTable data={data} caption={t('menus.reviews.title')} />
            </Section>
          </>
        );
      }}
    </QueryState>
  );
}

export default function ProposalPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const proposal = useProposal(id);
  const listTitle = hasAnyRole(user, ['company_member'])
    ? t('menus.proposals.mineTitle')
    : t('menus.proposals.title');

  return (
    <QueryState query={proposal}>
      {(p) => (
        <div className="flex flex-col gap-8">
          <PageHeader
            title={p.title}
            breadcrumbs={[
              { label: t('nav.home'), to: '/' },
              { label: listTitle, to: `/menus/proposals?fy=${p.fiscalYearId}` },
              { label: p.title },
            ]}
            meta={
              <>
                <Badge tone={proposalStatusTones[p.status]}>{pick(proposalStatusLabels[p.status])}</Badge>
                <span className="text-std-16N-170 text-solid-gray-700">{p.organizationName}</span>
              </>
            }
          />
          <DecisionNotice proposal={p} />
          {p.can.edit ? (
            <Section title={t('menus.proposals.edit')} boxed>
              <ProposalForm
                key={p.version}
                fiscalYearId={p.fiscalYearId}
                proposal={p}
                onSaved={(saved) => navigate(`/menus/proposals/${saved.id}`, { replace: true })}
              />
            </Section>
          ) : (
            <Section title={t('menus.proposals.content')}>
              <MenuFacts menu={{ ...p }} />
              <p className="text-std-16N-170">
                <span className="font-bold">
                  {t('menus.field.advisors')}
                  {locale === 'ja' ? '：' : ': '}
                </span>
                {p.advisors.length === 0
                  ? t('common.none')
                  : p.advisors.map((a) => a.displayName).join(locale === 'ja' ? '、' : ', ')}
              </p>
            </Section>
          )}
          {p.can.submit && <SubmitProposal proposal={p} />}
          {p.can.manageReviews && <AdminPanel proposal={p} />}
          {p.can.review && <ReviewerPanel proposal={p} user={user} />}
        </div>
      )}
    </QueryState>
  );
}
