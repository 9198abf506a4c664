import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalsApi, type ApprovalView } from '../api/approvals';
import { useApi } from '../api/useApi';
import { formatMoney } from '../format';
import { JsonView } from '../shell/JsonView';
import { Loadable } from '../shell/Loadable';
import { ApprovalContextPanel } from './ApprovalContextPanel';
import { DecisionForm } from './DecisionForm';
import { DecisionHistory } from './DecisionHistory';
import { approvalTitle } from './title';

/** The manager's inbox: pending approvals with their context, a decision form, and the decision history. */
export default function InboxPage({ rest }: { rest: string[] }) {
  const { t } = useTranslation();
  const inbox = useApi(() => approvalsApi.inbox(), []);
  const [selected, setSelected] = useState<string | null>(rest[0] ?? null);
  const [tab, setTab] = useState<'pending' | 'history'>('pending');
  const [notice, setNotice] = useState<string | null>(null);
  const decided = (text: string) => {
    setNotice(text);
    void inbox.reload();
  };

  return (
    <div>
      <h1>{t('inbox.title')}</h1>
      <div className="row" role="tablist">
        <button role="tab" className={tab === 'pending' ? 'primary' : ''} onClick={() => setTab('pending')}>
          {t('inbox.pending')}
        </button>
        <button
          role="tab"
          data-testid="tab-history"
          className={tab === 'history' ? 'primary' : ''}
          onClick={() => setTab('history')}
        >
          {t('inbox.history')}
        </button>
      </div>
      {notice && (
        <p role="status" className="ok" data-testid="decision-notice">
          {notice}
        </p>
      )}
      {tab === 'history' ? (
        <DecisionHistory />
      ) : (
        <Loadable state={inbox}>
          {({ approvals }) => {
            const current = approvals.find((a) => a.approvalId === selected) ?? approvals[0];
            return approvals.length === 0 ? (
              <p className="muted" data-testid="inbox-empty">
                {t('inbox.empty')}
              </p>
            ) : (
              <div className="inbox">
                <div data-testid="inbox-list">
                  {approvals.map((a) => (
                    <div
                      key={a.approvalId}
                      className="inbox-item"
                      role="option"
                      aria-selected={a.approvalId === current?.approvalId}
                      data-testid={`approval-${a.approvalId}`}
                      onClick={() => {
                        setSelected(a.approvalId);
                        setNotice(null);
                      }}
                    >
                      <strong>{approvalTitle(a)}</strong>
                      <div className="muted">
                        {t(`subjectKind.${a.subject.kind}`)} · {a.orgUnitId}
                        {a.amountMinor !== undefined && ` · ${formatMoney(a.amountMinor)}`}
                      </div>
                    </div>
                  ))}
                </div>
                {current && <ApprovalDetail approval={current} onDecided={decided} />}
              </div>
            );
          }}
        </Loadable>
      )}
    </div>
  );
}

function ApprovalDetail({
  approval,
  onDecided,
}: {
  approval: ApprovalView;
  onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="panel" data-testid="approval-detail">
      <h2>{approvalTitle(approval)}</h2>
      <dl className="kv">
        <div>
          <dt>{t('inbox.step')}</dt>
          <dd>{t(`subjectKind.${approval.subject.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('inbox.orgUnit')}</dt>
          <dd>{approval.orgUnitId}</dd>
        </div>
        <div>
          <dt>{t('inbox.requestedBy')}</dt>
          <dd>{approval.submittedBy}</dd>
        </div>
        {approval.amountMinor !== undefined && (
          <div>
            <dt>{t('payouts.amount')}</dt>
            <dd data-testid="approval-amount">{formatMoney(approval.amountMinor)}</dd>
          </div>
        )}
        {approval.chain && (
          <div>
            <dt>{t('inbox.chain')}</dt>
            <dd>
              {approval.chain.levels
                .map((l) => (l.position ? t(`position.${l.position}`) : t(`role.${l.role}`)))
                .join(' → ')}
              {approval.chain.explanation.map((line) => (
                <div key={line} className="muted">
                  {line}
                </div>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <div
        className="approval-body"
        style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)', gap: 16 }}
      >
        <div>
          <h3>{t('inbox.context')}</h3>
          <ApprovalContextPanel approvalId={approval.approvalId} />
          <div data-testid="approval-context">
            <JsonView value={approval.facts} />
          </div>
        </div>
        <DecisionForm approval={approval} onDecided={onDecided} />
      </div>
      {approval.decisions.length > 0 && (
        <>
          <h3>{t('inbox.history')}</h3>
          <ul>
            {approval.decisions.map((d) => (
              <li key={d.decisionId}>
                {d.at.slice(0, 16).replace('T', ' ')} · {d.actorId} · {t(`decision.${d.kind}`)}
                {d.reason ? ` — ${d.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
