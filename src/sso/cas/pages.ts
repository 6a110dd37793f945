/** The two pages the CAS server shows the browser itself (Chinese first, English second). */
import { htmlPage } from '../html-page.ts';


/** /cas/login for a service no business system registered: refused, and never redirected to. */
export const UNREGISTERED_SERVICE_PAGE = htmlPage(
  '未注册的业务系统 Unregistered service',
  `<h1>未注册的业务系统，无法登录</h1>
<p>该业务系统尚未在统一身份认证平台注册，请联系业务系统管理员。</p>
<p lang="en">This service is not registered with the unified sign-on platform, so you cannot sign in to it.</p>
<p><a href="/">返回首页 Home</a></p>`,
);

export const LOGGED_OUT_PAGE = htmlPage(
  '已退出 Logged out',
  `<h1>您已安全退出</h1>
<p>通过统一身份认证登录的业务系统已一并退出。</p>
<p lang="en">You have logged out, and out of the business systems you entered through single sign-on.</p>
<p><a href="/">返回首页 Home</a></p>`,
);
