import { useTranslation } from 'react-i18next';
import type { InquiryView } from '@opscycle/domain';
import { Loadable } from '../shell/Loadable';
import { InquiryList } from './InquiryList';

/** The rep's questions about their statements: where each one is, and the answer. */
export function MyInquiries({
  state,
}: {
  state: { data: { inquiries: InquiryView[] } | null; error: Error | null; loading: boolean };
}) {
  const { t } = useTranslation();
  return (
    <section data-testid="my-inquiries">
      <h2>{t('inquiries.mine')}</h2>
      <Loadable state={state}>
        {({ inquiries }) => <InquiryList testId="my-inquiries-list" inquiries={inquiries} />}
      </Loadable>
    </section>
  );
}
