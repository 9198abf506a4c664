import { useTranslation } from 'react-i18next';
import { approvalsApi } from '../api/approvals';
import { useApi } from '../api/useApi';
import { Loadable } from '../shell/Loadable';
import { approvalTitle } from './title';

/** Every decision on approvals the user can see, newest first. */
export function DecisionHistory() {
  const { t } = useTranslation();
  const history = useApi(() => approvalsApi.history(), []);
  return (
    <Loadable state={history}>
      {({ approvals }) => {
        const rows = approvals
          .flatMap((a) => a.decisions.map((d) => ({ approval: a, decision: d })))
          .sort((x, y) => y.decision.at.localeCompare(x.decision.at));
        return (
          <table data-testid="decision-history">
            <thead>
              <tr>
                <th>{t('inbox.at')}</th>
                <th>{t('inbox.step')}</th>
                <th>{t('inbox.orgUnit')}</th>
                <th>{t('inbox.decidedBy')}</th>
                <th>{t('inbox.decision')}</th>
                <th>{t('common.comment')}</th>
                <th>{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ approval, decision }) => (
                <tr key={`${approval.approvalId}-${decision.decisionId}`}>
                  <td>{decision.at.slice(0, 16).replace('T', ' ')}</td>
                  <td>{approvalTitle(approval)}</td>
                  <td>{approval.orgUnitId}</td>
                  <td>{decision.actorId}</td>
                  <td>{t(`decision.${decision.kind}`)}</td>
                  <td>{decision.reason ?? ''}</td>
                  <td>{t(`approvalStatus.${approval.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </Loadable>
  );
}
