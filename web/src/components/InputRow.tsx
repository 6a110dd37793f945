import { Flex, Input, type InputProps } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export interface InputRowProps extends InputProps {
  /** What sits beside the input: a button (获取短信验证码, 检查是否可用…). */
  after: ReactNode;
  wrap?: boolean;
  inputStyle?: CSSProperties;
}

/**
 * A text input with something beside it, as the one child of a named Form.Item: the item's id,
 * value and aria-* props (aria-describedby to its own message, aria-invalid, aria-required)
 * reach the input itself. Wrapping the input in a `noStyle` item under a labelled one instead
 * makes aria-describedby point at a message element that never exists.
 */
export function InputRow({ after, wrap, inputStyle, ...input }: InputRowProps) {
  return (
    <Flex gap={8} wrap={wrap}>
      <Input {...input} style={{ flex: 1, ...inputStyle }} />
      {after}
    </Flex>
  );
}
