import { useTranslation } from 'react-i18next';
import { useApi } from '../api/useApi';
import { Loadable } from '../shell/Loadable';
import { inquiriesApi } from './api';
import { InquiryList } from './InquiryList';
import { ResolveInquiry } from './ResolveInquiry';

/** Resolvers' screen: inquiries waiting for me (or answered by me), and those I raised. */
export default function InquiriesPage() {
  const { t } = useTranslation();
  const assigned = useApi(() => inquiriesApi.list('assigned'), []);
  const mine = useApi(() => inquiriesApi.list('mine'), []);
  return (
    <div>
      <h1>{t('inquiries.title')}</h1>
      <section>
        <h2>{t('inquiries.assigned')}</h2>
        <Loadable state={assigned}>
          {({ inquiries }) => (
            <InquiryList
              testId="inquiries-assigned"
              inquiries={inquiries}
              actions={(inquiry) => (
                <ResolveInquiry inquiry={inquiry} onDone={() => void assigned.reload()} />
              )}
            />
          )}
        </Loadable>
      </section>
      <section>
        <h2>{t('inquiries.mine')}</h2>
        <Loadable state={mine}>
          {({ inquiries }) => <InquiryList testId="inquiries-mine" inquiries={inquiries} />}
        </Loadable>
      </section>
    </div>
  );
}
