import { DatePicker, type DatePickerProps } from 'antd';
import { useI18n } from '../lib/i18n.tsx';

/** A date picker whose Enter confirms the typed date without also submitting the whole form. */
export function DateInput(props: DatePickerProps) {
  const { t } = useI18n();
  return (
    <DatePicker
      placeholder={t('请选择日期', 'Select date')}
      {...props}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
    />
  );
}
