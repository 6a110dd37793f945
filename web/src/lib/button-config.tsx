import { LoadingOutlined } from '@ant-design/icons';
import type { ConfigProviderProps } from 'antd';

/**
 * antd's own loading icon fades out with a CSS transition that, when a request answers within a
 * frame or two, never ends: the invisible icon stays in the button and screen readers go on
 * announcing "loading 查询" after the answer. A given loading icon is shown and removed without
 * that transition.
 */
export const PLAIN_LOADING: ConfigProviderProps['button'] = { loadingIcon: <LoadingOutlined /> };

/** Buttons read as written (登录, not 登 录): people and tests find them by their text. */
export const READ_AS_WRITTEN: ConfigProviderProps['button'] = { ...PLAIN_LOADING, autoInsertSpace: false };
