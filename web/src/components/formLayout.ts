/** The registration and password forms: label column, field column, and the offset for rows without a label. */
export const FORM_LAYOUT = {
  labelCol: { xs: { span: 24 }, sm: { span: 7 } },
  wrapperCol: { xs: { span: 24 }, sm: { span: 15 } },
} as const;

export const TAIL_LAYOUT = { wrapperCol: { xs: { span: 24 }, sm: { offset: 7, span: 15 } } } as const;
