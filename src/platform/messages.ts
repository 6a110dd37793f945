/**
 * The catalogue of errors the platform returns: a stable code, the Chinese message
 * (the seeds' wording where they have one) and its English translation.
 * Browser code shows `message`; tests assert `code`.
 */
export const MESSAGES = {
  VALIDATION_FAILED: { zh: '提交的信息有误，请检查后重试。', en: 'Some fields are invalid. Please check and try again.' },
  CSRF_REJECTED: { zh: '页面已过期，请刷新页面后重试。', en: 'This page has expired. Please reload and try again.' },
  NOT_LOGGED_IN: { zh: '请先登录。', en: 'Please log in first.' },
  FORBIDDEN: { zh: '没有权限执行该操作。', en: 'You are not allowed to do this.' },
  NOT_FOUND: { zh: '请求的资源不存在。', en: 'Not found.' },
  RATE_LIMITED: { zh: '操作过于频繁，请稍后再试。', en: 'Too many requests. Please try again later.' },
  INTERNAL: { zh: '系统繁忙，请稍后再试。', en: 'The system is busy. Please try again later.' },
  REQUEST_TOO_LARGE: { zh: '请求内容过大，请精简后重试。', en: 'The request is too large. Please shorten it and try again.' },
  DATA_CONFLICT: { zh: '该信息已存在，请检查后重试。', en: 'This information already exists. Please check and try again.' },

  CAPTCHA_WRONG: { zh: '验证码错误', en: 'Incorrect verification code' },
  SMS_CODE_WRONG: { zh: '手机验证码错误', en: 'Incorrect SMS code' },
  SMS_CODE_EXPIRED: { zh: '手机验证码已失效，请重新获取', en: 'The SMS code has expired. Please request a new one' },
  SMS_SEND_FAILED: { zh: '短信发送失败，请稍后重试', en: 'The SMS could not be sent. Please try again' },
  SMS_TOO_FREQUENT: { zh: '短信发送过于频繁，请稍后再试', en: 'SMS sent too often. Please try again later' },
  EMAIL_CODE_WRONG: { zh: '邮箱验证码错误', en: 'Incorrect e-mail code' },
  EMAIL_CODE_EXPIRED: { zh: '邮箱验证码已失效，请重新获取', en: 'The e-mail code has expired. Please request a new one' },
  EMAIL_SEND_FAILED: { zh: '邮件发送失败，请稍后重试', en: 'The e-mail could not be sent. Please try again' },

  LOGIN_FAILED: { zh: '登录名或密码错误', en: 'Incorrect login name or password' },
  LOGIN_LOCKED: { zh: '登录失败次数过多，请{minutes}分钟后再试', en: 'Too many failed attempts. Try again in {minutes} minutes' },
  LOGIN_SLOW_DOWN: { zh: '登录尝试过于频繁，请{seconds}秒后再试', en: 'Too many attempts. Try again in {seconds} seconds' },
  WRONG_WINDOW_LEGAL: { zh: '该账号为法人账号，请使用法人登录', en: 'This is an organisation account. Please use 法人登录 (organisation login)' },
  WRONG_WINDOW_NATURAL: { zh: '该账号为自然人账号，请使用自然人登录', en: 'This is a personal account. Please use 自然人登录 (personal login)' },
  ACCOUNT_DISABLED: { zh: '该账号已停用，请联系平台技术支持：010-88659000', en: 'This account is disabled. Please contact support: 010-88659000' },
  PASSWORD_EXPIRED: { zh: '密码已过期，请修改密码', en: 'Your password has expired. Please change it' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改密码', en: 'Please change your password first' },
  OLD_PASSWORD_WRONG: { zh: '原密码错误', en: 'The current password is incorrect' },
  PASSWORD_MISMATCH: { zh: '两次输入的密码不一致', en: 'The two passwords do not match' },
  PASSWORD_SAME_AS_OLD: { zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' },

  LOGIN_NAME_TAKEN: { zh: '登录名已被注册', en: 'This login name is already registered' },
  // Registration (FAQ 九.1–九.3: 证件号码 / 单位名称 / 信用代码已被注册): the seed's title, then its guidance.
  ORGANIZATION_NAME_TAKEN: {
    zh: '单位名称已被注册，说明在政务服务平台已有法人账号，需要通过点击用户登录→忘记密码→单位法人用户申诉找回密码，用找回的账号密码办理业务。',
    en: 'This organisation name is already registered: the organisation has an account. Recover it through 用户登录 → 忘记密码 → 单位法人用户申诉找回密码 (organisation appeal) and use that account.',
  },
  CREDIT_CODE_TAKEN: {
    zh: '信用代码已被注册，说明在政务服务平台已有法人账号，请查看单位是否变更过单位名称，用以前的单位名称通过“单位法人用户申诉找回密码”找回账号密码。',
    en: 'This credit code is already registered: the organisation has an account. If it was renamed, appeal under its former name (单位法人用户申诉找回密码).',
  },
  DOCUMENT_TAKEN: {
    zh: '证件号码已被注册，说明在政务服务平台已有自然人账号，需要通过点击用户登录→忘记密码→自然人申诉找回密码，用找回的账号密码办理业务。',
    en: 'This document number is already registered: you have an account. Recover it through 用户登录 → 忘记密码 → 自然人申诉找回密码 (personal appeal) and use that account.',
  },
  // 我的信息 and real-name verification (FAQ 八.3–八.5: 实名显示……已存在).
  DOCUMENT_EXISTS: {
    zh: '证件号码已存在，说明在政务服务平台已有自然人账号，且绑定了证件号。需要通过点击用户登录→忘记密码→自然人申诉找回密码，找回绑定了证件号的账号密码，用此账号密码办理业务。',
    en: 'This document number already exists: another personal account holds it. Recover that account through 用户登录 → 忘记密码 → 自然人申诉找回密码 (personal appeal) and use it.',
  },
  ORGANIZATION_NAME_EXISTS: {
    zh: '单位名称已存在，说明在政务服务平台已有法人账号，且绑定了单位名称。需要通过点击用户登录→忘记密码→单位法人用户申诉找回密码，找回绑定了单位名称的账号密码。',
    en: 'This organisation name already exists: another organisation account holds it. Recover that account through 用户登录 → 忘记密码 → 单位法人用户申诉找回密码 (organisation appeal).',
  },
  CREDIT_CODE_EXISTS: {
    zh: '信用代码已存在，说明在政务服务平台已有法人账号，且绑定了信用代码。需要通过点击用户登录→忘记密码→单位法人用户申诉找回密码，找回绑定了信用代码的账号密码，用此账号密码办理业务。',
    en: 'This credit code already exists: another organisation account holds it. Recover that account through 用户登录 → 忘记密码 → 单位法人用户申诉找回密码 (organisation appeal) and use it.',
  },
  // FAQ 八.6 法人单位基本信息保存提示“法定代表人类型不能为空”: 类型 is the representative's identity region.
  LEGAL_REPRESENTATIVE_REGION_REQUIRED: { zh: '法定代表人类型不能为空', en: "The legal representative's type (identity region) must not be empty" },
  AGREEMENT_REQUIRED: { zh: '请阅读并同意注册协议', en: 'Please read and accept the registration agreement' },
  VALIDITY_START_REQUIRED: { zh: '请填写身份证有效期起始日期', en: 'Please enter the start date of the ID card validity' },
  VALIDITY_END_REQUIRED: { zh: '请填写证件有效期终止日期或选择长期有效', en: 'Please enter the end date or choose long-term' },
  VALIDITY_RANGE: { zh: '证件有效期终止日期不能早于起始日期', en: 'The end date cannot be before the start date' },
  VALIDITY_END_WITH_LONG_TERM: { zh: '长期有效的证件不能填写终止日期', en: 'A long-term document has no end date' },
  REQUIRED_FIELD: { zh: '此项为必填项', en: 'This field is required' },
  SMS_CODE_FORMAT: { zh: '请输入6位手机验证码', en: 'Enter the 6-digit SMS code' },
  PHONE_INVALID: { zh: '电话号码格式不正确', en: 'Invalid telephone number' },
  CAPITAL_INVALID: { zh: '注册资金须为数字', en: 'Registered capital must be a number' },
  FILE_EMPTY: { zh: '请选择要上传的文件', en: 'Please choose a file to upload' },
  FILE_TOO_LARGE: { zh: '上传文件大小不能超过1MB', en: 'The file must not be larger than 1 MB' },
  FILE_TYPE_INVALID: { zh: '上传文件类型必须是jpg、png、jpeg格式', en: 'The file must be a jpg, png or jpeg image' },
  MATERIALS_LOCKED: {
    zh: '实名认证状态为“已实名认证”、“已审核认证”或“审核中”时，此页面只能查看已上传信息',
    en: 'While verified or under review, uploaded materials can only be viewed',
  },
  MATERIALS_INCOMPLETE: { zh: '请完成所有信息上传后点击“提交”按钮', en: 'Please upload all required files before submitting' },
  MATERIALS_CHANGED: {
    zh: '已上传的材料与页面显示的不一致，请核对页面上的文件后重新提交',
    en: 'The uploaded files differ from those on the page. Please check them and submit again',
  },
  STAFF_ONLY: { zh: '仅限后台工作人员访问，请先登录后台管理系统', en: 'Back-office staff only. Please log in to the back office' },
  STAFF_ROLE_REQUIRED: { zh: '当前工作人员角色无权执行该操作', en: 'Your staff role does not allow this' },
  STAFF_LOGIN_FAILED: { zh: '登录名、密码或动态验证码错误', en: 'Incorrect login name, password or authenticator code' },
  // Staff management (issue 18.5).
  STAFF_NOT_FOUND: { zh: '该工作人员不存在', en: 'No such staff member' },
  STAFF_LOGIN_NAME_TAKEN: { zh: '该登录名已被其他工作人员使用', en: 'Another staff member already has this login name' },
  STAFF_ROLES_REQUIRED: { zh: '请至少选择一个角色', en: 'Choose at least one role' },
  STAFF_ROLE_INVALID: { zh: '角色只能是审核员、运维或管理员', en: 'The role must be reviewer, operator or admin' },
  STAFF_LAST_ADMIN: { zh: '不能停用最后一个启用的管理员', en: 'The last enabled admin cannot be disabled' },
  STAFF_PASSWORD_CHANGE_REQUIRED: { zh: '请先修改初始密码', en: 'Please change your initial password first' },
  REVIEW_NOT_OPEN: { zh: '该审核已处理或已失效', en: 'This review has already been decided or withdrawn' },
  REVIEW_CLAIMED: { zh: '该审核正由{name}审核中，请处理其他审核', en: 'This review is being handled by {name}. Please take another one' },
  UPLOAD_NOT_IN_QUEUE: { zh: '只能查看审核队列中的材料', en: 'Only materials in the review queue can be viewed' },
  TOTP_FORMAT: { zh: '请输入6位动态验证码', en: 'Enter the 6-digit authenticator code' },
  REVIEW_REASON_REQUIRED: { zh: '请填写审核不通过的原因', en: 'Please give the reason for the rejection' },
  // 常用不通过原因 (issue 18.3), kept by admins.
  REVIEW_REASON_TEXT_INVALID: { zh: '请填写常用原因，最多100个字', en: 'Enter the preset reason, at most 100 characters' },
  REVIEW_REASON_NOT_FOUND: { zh: '该常用原因不存在或已被删除，请刷新后重试', en: 'This preset reason does not exist or was deleted. Please reload and try again' },
  REVIEW_REASON_DUPLICATE: { zh: '该常用原因已存在', en: 'This preset reason already exists' },
  REVIEW_REASON_TOO_MANY: { zh: '最多选择5个常用原因', en: 'Choose at most 5 preset reasons' },
  LOGIN_NAME_NOT_FOUND: {
    zh: '登录名不存在，若确定在政务服务平台已存在账号，请使用“单位法人用户申诉找回密码”或“自然人申诉找回密码”方式找回账号密码',
    en: 'No such login name. If you are sure you have an account, recover it by appeal (单位法人用户申诉找回密码 / 自然人申诉找回密码)',
  },
  // FAQ 五.2(3) 若提示没有预留手机号，则按照提示的找回方式找回账号密码: the appeal that fits the account's kind.
  NO_RESERVED_PHONE_NATURAL: {
    zh: '该账号无预留手机号，请使用“自然人申诉找回密码”方式找回账号密码',
    en: 'This account has no reserved phone. Recover it by 自然人申诉找回密码 (personal appeal)',
  },
  NO_RESERVED_PHONE_LEGAL: {
    zh: '该账号无预留手机号，请使用“单位法人用户申诉找回密码”方式找回账号密码',
    en: 'This account has no reserved phone. Recover it by 单位法人用户申诉找回密码 (organisation appeal)',
  },
  NO_RESERVED_EMAIL: { zh: '该账号无预留电子邮箱，请选择手机号验证方式', en: 'This account has no reserved e-mail. Please verify by phone' },
  RESET_ALREADY_COMPLETED: { zh: '密码已重置成功，请使用新密码登录', en: 'The password has already been reset. Please log in with the new password' },
  RESET_TICKET_EXPIRED: { zh: '操作已超时，请重新检索登录名', en: 'This has timed out. Please search for the login name again' },
  RESERVED_PHONE_MISMATCH: { zh: '确认预留手机号与预留手机号不一致', en: 'The phone number does not match the reserved phone' },
  RESERVED_EMAIL_MISMATCH: { zh: '确认预留电子邮箱与预留电子邮箱不一致', en: 'The e-mail address does not match the reserved e-mail' },
  ORGANIZATION_MISMATCH: { zh: '单位名称或统一社会信用代码与该账号不匹配', en: 'The organisation name or credit code does not match this account' },
  ORGANIZATION_NOT_FOUND: { zh: '未检索到该单位，请确保单位名称准确', en: 'No organisation with this name. Please check the name' },
  APPEAL_PENDING: { zh: '该证件已有申诉正在审核中，平台会在1-2个工作日左右处理，请耐心等待', en: 'An appeal for this document is already under review. Please wait 1–2 working days' },
  APPEAL_DAILY_LIMIT: { zh: '该证件今日申诉次数已达上限，请明天再试', en: 'Too many appeals for this document today. Please try again tomorrow' },
  APPEAL_FILE_MISSING: { zh: '请上传签字后的证件正面和反面', en: 'Please upload the signed front and back of the document' },
  APPEAL_ACCOUNT_REQUIRED: { zh: '请选择要找回的账号', en: 'Please choose the account to recover' },
  APPEAL_PRIMARY_AGENT_CHOICE_REQUIRED: {
    zh: '请选择由申诉人替换现主代办人，还是保留现主代办人',
    en: 'Please choose whether the appellant replaces the current primary agent or the current one is kept',
  },
  NO_ACCOUNT_FOR_DOCUMENT: {
    zh: '平台上没有持有该证件的账号，只能审核不通过（申诉人需重新注册）',
    en: 'No account holds this document; the appeal can only be rejected (the person must register anew)',
  },

  // Entry checks (办理入口, src/sso/entry): why the platform does not send the user into a business system.
  NOT_VERIFIED: {
    zh: '您的个人信息没有实名认证，则需先实名认证个人信息才能进行下一步操作。请点击确定前往个人信息页面。',
    en: 'Your information has not passed real-name verification. Please verify it before going on. Click OK to go to My information.',
  },
  LEGAL_ACCOUNT_REQUIRED: { zh: '该系统需用法人账号办理，请使用法人登录', en: 'This system is for organisation accounts. Please log in as an organisation (legal person)' },
  NATURAL_ACCOUNT_REQUIRED: { zh: '该系统需用自然人账号办理，请使用自然人登录', en: 'This system is for personal accounts. Please log in as a natural person' },
  ORGANIZATION_BASIC_INCOMPLETE: { zh: '法人单位基本信息不完整（缺少：{fields}）', en: 'The organisation basic information is incomplete (missing: {fieldsEn})' },
  ORGANIZATION_OTHER_INCOMPLETE: { zh: '法人单位其他信息不完整（缺少：{fields}）', en: 'The organisation other information is incomplete (missing: {fieldsEn})' },
  PRIMARY_AGENT_NOT_VERIFIED: { zh: '主代办人未通过实名认证', en: 'The primary agent has not passed real-name verification' },
  ENTRY_UNAVAILABLE: { zh: '该系统暂未开通网上办理入口', en: 'This system has no online entry yet' },
  NO_AUTHORIZATION: {
    zh: '没有权限办理该事项，请联系所在单位的管理员（单位法人账号）在“用户授权管理”中为您授权。',
    en: 'You have no permission for this item. Ask your organisation’s administrator (its organisation account) to authorise you under 用户授权管理.',
  },
  AUTHORIZATION_EXPIRED: {
    zh: '授权已过期，请联系{organizations}的管理员（单位法人账号）重新授权。',
    en: 'Your authorisation has expired. Ask the administrator of {organizations} (its organisation account) to authorise you again.',
  },
  AUTHORIZATION_SUSPENDED: {
    zh: '授权单位已被停用（{organizations}），授权单位相关操作也已停用。',
    en: 'The authorising organisation is suspended ({organizations}); what it authorised is suspended too.',
  },
  ACTING_CHOICE_INVALID: { zh: '请选择一个已为您授权的单位', en: 'Choose one of the organisations that authorised you' },

  // Authorisation (授权, src/grants): organisations delegate roles to verified natural persons.
  PERSON_NOT_FOUND: {
    zh: '未查询到该自然人：给自然人授权的前提是自然人需要完成实名认证；姓名需要填写自然人姓名，而不是登录名。',
    en: 'No such person: only persons who passed real-name verification can be authorised, and the name must be their real name, not their login name.',
  },
  SYSTEM_NOT_HELD: {
    zh: '本单位尚未获得“{system}”的权限：法人实名认证之后需要在服务事项中找到该系统的办理入口，进入一次才能获取权限，才能给自然人授予此系统权限。',
    en: 'Your organisation does not hold “{system}” yet: after verification, enter that system once through its entry (办理入口) under Services; then you can authorise persons in it.',
  },
  UNKNOWN_ROLE: { zh: '“{system}”没有该角色：{role}', en: '“{system}” has no such role: {role}' },
  NO_ROLES: { zh: '请至少勾选一个授权角色', en: 'Tick at least one role' },
  VALIDITY_INVALID: { zh: '授权有效期不正确：结束日期不能早于开始日期，也不能早于今天', en: 'Invalid validity period: the end cannot be before the start or before today' },
  MAINTAIN_INFO_NEEDS_ADMIN_ROLE: { zh: '维护法人(单位)信息权限需同时授予单位事项管理员角色', en: 'Maintaining the organisation’s information needs the unit administrator role (单位事项管理员) too' },
  AUTHORIZATION_NOT_FOUND: { zh: '未找到该授权记录', en: 'No such authorisation' },
  DELEGATION_CANNOT_MAINTAIN: {
    zh: '您没有维护该单位信息的权限：需具有单位事项管理员角色且有维护法人(单位)信息权限，且授权有效、单位未停用。',
    en: 'You may not maintain this organisation’s information: that needs the unit administrator role with the maintain-information permission, a live authorisation and an active organisation.',
  },

  SERVICE_ITEM_NOT_FOUND: { zh: '未找到该服务事项，请检查事项编码', en: 'No service item has this code. Please check the item code' },
  ITEM_CODE_INVALID: { zh: '事项编码应为12位数字', en: 'An item code is 12 digits' },
  CATALOGUE_AUDIENCE_INVALID: { zh: '用户类型只能是自然人或法人单位', en: 'The user type must be natural person or organisation' },
  CATALOGUE_CATEGORY_INVALID: {
    zh: '服务事项类别只能是行政许可、科技创新与服务、科技计划与经费或其他',
    en: 'The category must be administrative licensing, innovation and services, programmes and funding, or other',
  },
  CATALOGUE_DEPARTMENT_TOO_LONG: { zh: '主办单位名称不能超过60个字', en: 'The department name cannot be longer than 60 characters' },
  CATALOGUE_SEARCH_TOO_LONG: { zh: '检索内容不能超过50个字', en: 'The search text cannot be longer than 50 characters' },
  CODE_FORMAT: { zh: '请输入6位验证码', en: 'Enter the 6-digit code' },
  ORGANIZATION_SEARCH_EXPIRED: { zh: '操作已超时，请重新检索单位名称', en: 'This has timed out. Please search for the organisation again' },

  // Back office: operators register business systems (业务系统) and service items (服务事项).
  SYSTEM_NOT_FOUND: { zh: '未找到该业务系统', en: 'No such business system' },
  SYSTEM_KEY_INVALID: {
    zh: '系统标识只能由小写字母、数字和连字符组成，以字母或数字开头，长度为2至40位',
    en: 'The system key is 2 to 40 lower-case letters, digits or hyphens, starting with a letter or digit',
  },
  SYSTEM_KEY_TAKEN: { zh: '该系统标识已被其他业务系统使用', en: 'Another business system already uses this key' },
  SYSTEM_NAME_INVALID: { zh: '请填写系统名称（不超过60个字）', en: 'Please enter the system name (at most 60 characters)' },
  SYSTEM_DEPARTMENT_INVALID: { zh: '请填写主管司局（不超过60个字）', en: 'Please enter the organising department (at most 60 characters)' },
  SYSTEM_AUDIENCE_INVALID: { zh: '请选择可办理对象：自然人、法人单位或自然人和法人单位', en: 'Please choose who may enter: natural persons, organisations or both' },
  SYSTEM_REQUIREMENT_INVALID: {
    zh: '进入条件只能是法人单位基本信息完整、法人单位其他信息完整或主代办人已实名认证',
    en: 'Entry requirements can only be: organisation basic information complete, other information complete, primary agent verified',
  },
  SYSTEM_REQUIREMENTS_NEED_LEGAL: {
    zh: '进入条件是对法人单位的要求，可办理对象仅为自然人的系统不能设置',
    en: 'Entry requirements concern organisations; a system for natural persons only cannot have them',
  },
  SYSTEM_ROLES_REQUIRED: { zh: '请至少填写一个系统角色', en: 'Please enter at least one system role' },
  SYSTEM_TOO_MANY_ROLES: { zh: '系统角色不能超过20个', en: 'A system can have at most 20 roles' },
  SYSTEM_ROLE_CODE_INVALID: {
    zh: '角色编码只能由小写字母、数字和下划线组成，以字母开头，长度为2至40位',
    en: 'A role code is 2 to 40 lower-case letters, digits or underscores, starting with a letter',
  },
  SYSTEM_ROLE_CODE_DUPLICATE: { zh: '角色编码不能重复', en: 'Role codes must differ' },
  SYSTEM_ROLE_NAME_INVALID: { zh: '请填写角色名称（不超过30个字）', en: 'Please enter the role name (at most 30 characters)' },
  OIDC_CLIENT_ID_INVALID: {
    zh: 'OIDC 客户端标识只能由字母、数字、点、下划线和连字符组成，长度为3至64位',
    en: 'The OIDC client ID is 3 to 64 letters, digits, dots, underscores or hyphens',
  },
  OIDC_CLIENT_ID_TAKEN: { zh: '该 OIDC 客户端标识已被其他业务系统使用', en: 'Another business system already uses this OIDC client ID' },
  OIDC_REDIRECT_URIS_REQUIRED: { zh: '请至少填写一个回调地址', en: 'Please enter at least one redirect URI' },
  URL_INVALID: {
    zh: '地址须为以 http:// 或 https:// 开头的完整地址，不能包含“#”、空格或用户名密码，且不超过500个字符',
    en: 'Enter a full address starting with http:// or https://, without "#", blanks or user name and password, at most 500 characters',
  },
  URL_LIST_TOO_LONG: { zh: '地址不能超过10个', en: 'At most 10 addresses' },
  URL_DUPLICATE: { zh: '地址不能重复', en: 'Addresses must differ' },
  CAS_PREFIX_INVALID: { zh: 'CAS 服务地址前缀须以“/”结尾，且不能包含“?”', en: 'The CAS service prefix must end with "/" and contain no "?"' },
  CAS_PREFIX_TAKEN: { zh: '该 CAS 服务地址前缀已被其他业务系统使用', en: 'Another business system already uses this CAS service prefix' },
  ENTRY_URL_WITHOUT_SIGN_ON: {
    zh: '未配置 OIDC 客户端或 CAS 服务地址前缀的系统无法单点登录，不能填写办理入口地址',
    en: 'A system with neither an OIDC client nor a CAS service prefix cannot sign users in, so it has no entry address',
  },
  ENTRY_URL_FOREIGN: {
    zh: '办理入口地址须与回调地址或 CAS 服务地址前缀属于同一站点',
    en: 'The entry address must be on the same site as a redirect URI or the CAS service prefix',
  },
  SYSTEM_NO_OIDC_CLIENT: { zh: '该业务系统未配置 OIDC 客户端，没有客户端密钥', en: 'This business system has no OIDC client, so it has no client secret' },
  ITEM_NOT_FOUND: { zh: '未找到该服务事项', en: 'No such service item' },
  ITEM_CODE_TAKEN: { zh: '该事项编码已被其他服务事项使用', en: 'Another service item already has this item code' },
  ITEM_NAME_INVALID: { zh: '请填写事项名称（不超过100个字）', en: 'Please enter the item name (at most 100 characters)' },
  ITEM_DEPARTMENT_INVALID: { zh: '请填写主办单位（不超过60个字）', en: 'Please enter the organising department (at most 60 characters)' },
  ITEM_AUDIENCE_INVALID: { zh: '请选择服务对象：自然人、法人单位或自然人和法人单位', en: 'Please choose the audience: natural persons, organisations or both' },
  ITEM_SYSTEM_NOT_FOUND: { zh: '办理系统不存在，请选择已登记的业务系统', en: 'No such business system. Please choose a registered one' },
  ITEM_PARENT_NOT_FOUND: { zh: '上级事项不存在，请填写已登记事项的事项编码', en: 'No such parent item. Please enter the code of a registered item' },
  ITEM_PARENT_SELF: { zh: '上级事项不能是该事项本身', en: 'An item cannot be its own parent' },
  ITEM_PARENT_NOT_TOP: { zh: '上级事项须为一级事项，子项下不能再设子项', en: 'The parent must be a top-level item; sub-items have no sub-items' },
  ITEM_HAS_SUB_ITEMS: { zh: '该事项下设有子项，不能再设为其他事项的子项', en: 'This item has sub-items, so it cannot become a sub-item' },
  GUIDE_TITLE_INVALID: { zh: '请填写指南栏目名称（不超过20个字）', en: 'Please enter the guide section title (at most 20 characters)' },
  GUIDE_TEXT_INVALID: { zh: '请填写指南栏目内容（不超过5000字）', en: 'Please enter the guide section text (at most 5000 characters)' },
  GUIDE_TITLE_DUPLICATE: { zh: '办事指南的栏目名称不能重复', en: 'Guide section titles must differ' },
  GUIDE_TOO_MANY_SECTIONS: { zh: '办事指南不能超过20个栏目', en: 'A guide has at most 20 sections' },
  SORT_ORDER_INVALID: { zh: '排序号须为0至9999之间的整数', en: 'The sort order is a whole number from 0 to 9999' },
  LEGACY_SOURCE_REQUIRED: { zh: '请选择原系统账号类型', en: 'Please choose the kind of former account' },
  ACCOUNT_NOT_FOUND: { zh: '未找到该账号', en: 'No such account' },
  ACCOUNT_QUERY_REQUIRED: { zh: '请输入登录名、姓名、手机号码、证件号码、单位名称或统一社会信用代码（不超过100个字）', en: 'Enter a login name, name, phone, document number, organisation name or credit code (at most 100 characters)' },
  ACCOUNT_REASON_REQUIRED: { zh: '请填写原因', en: 'Please give the reason' },
  ACCOUNT_REASON_TOO_LONG: { zh: '原因不能超过200个字', en: 'The reason is at most 200 characters' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageCode = keyof typeof MESSAGES;

export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
