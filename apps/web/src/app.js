// Placeholder web page (sign-in and a first list) until the web-app issue brings the React workspace.
const messages = {
  en: {
    language: 'Language',
    signOut: 'Sign out',
    signInTitle: 'Sign in to OpenKAM',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    demoHint: 'Demo: admin@demo.openkam.local / openkam-demo',
    placeholder:
      'This is the first page of OpenKAM. The full workspace (accounts, pipeline, health) arrives with the web app.',
    accounts: 'Accounts',
    name: 'Name',
    industry: 'Industry',
    annualSpend: 'Annual spend',
    welcome: 'Welcome, {name}',
    workspace: 'Workspace: {name} · roles: {roles}',
    loading: 'Loading…',
    empty: 'No accounts yet.',
    loadError: 'Could not load accounts: {detail}',
    required: 'Required',
    badEmail: 'Enter an e-mail address',
    network: 'The server did not answer; try again.',
    invalid_credentials: 'The e-mail or password is not correct.',
    login_throttled: 'Too many failed sign-ins; wait 15 minutes and try again.',
  },
  'zh-CN': {
    language: '语言',
    signOut: '退出登录',
    signInTitle: '登录 OpenKAM',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    demoHint: '演示账号：admin@demo.openkam.local / openkam-demo',
    placeholder: '这是 OpenKAM 的首页。完整的工作台（客户、商机管道、健康度）将随 Web 应用一同上线。',
    accounts: '客户',
    name: '名称',
    industry: '行业',
    annualSpend: '年度消费',
    welcome: '欢迎，{name}',
    workspace: '工作区：{name} · 角色：{roles}',
    loading: '加载中…',
    empty: '还没有客户。',
    loadError: '无法加载客户：{detail}',
    required: '必填',
    badEmail: '请输入邮箱地址',
    network: '服务器没有响应，请重试。',
    invalid_credentials: '邮箱或密码不正确。',
    login_throttled: '登录失败次数过多，请 15 分钟后再试。',
  },
}

const industries = {
  en: {
    manufacturing: 'Manufacturing',
    finance: 'Finance',
    retail: 'Retail',
    healthcare: 'Healthcare',
    education: 'Education',
    saas: 'SaaS',
    logistics: 'Logistics',
    energy: 'Energy',
    government: 'Government',
    other: 'Other',
  },
  'zh-CN': {
    manufacturing: '制造业',
    finance: '金融',
    retail: '零售',
    healthcare: '医疗健康',
    education: '教育',
    saas: '软件与 SaaS',
    logistics: '物流',
    energy: '能源',
    government: '政府与公共事业',
    other: '其他',
  },
}

const roleNames = {
  en: {
    admin: 'Administrator',
    executive: 'Executive',
    sales_manager: 'Sales manager',
    sales: 'Account manager',
    presales: 'Presales',
    csm: 'Customer success manager',
    finance: 'Finance',
    legal: 'Legal',
  },
  'zh-CN': {
    admin: '管理员',
    executive: '高管',
    sales_manager: '销售经理',
    sales: '客户经理',
    presales: '售前顾问',
    csm: '客户成功经理',
    finance: '财务',
    legal: '法务',
  },
}

const $ = (id) => document.getElementById(id)
let lang = localStorage.getItem('openkam.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en')
const t = (key, vars = {}) => (messages[lang][key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '')

function applyLang() {
  document.documentElement.lang = lang
  $('lang').value = lang
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n)
}

async function api(path, init = {}) {
  const res = await fetch(path, {
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    ...init,
  })
  const body = res.status === 204 ? null : await res.json().catch(() => null)
  return { status: res.status, body }
}

function show(view) {
  $('signin-view').hidden = view !== 'signin'
  $('home-view').hidden = view !== 'home'
  $('signout').hidden = view !== 'home'
}

async function loadHome(me) {
  show('home')
  $('welcome').textContent = t('welcome', { name: me.name })
  $('workspace').textContent = t('workspace', {
    name: me.workspace.name,
    roles: me.roles.map((r) => roleNames[lang][r] ?? r).join(lang === 'en' ? ', ' : '、'),
  })
  $('accounts-state').textContent = t('loading')
  const res = await api('/api/v1/accounts?limit=50&sort=name')
  if (res.status !== 200) {
    $('accounts-state').textContent = t('loadError', { detail: res.body?.detail ?? res.status })
    return
  }
  const rows = res.body.data
  $('accounts-state').textContent = rows.length ? '' : t('empty')
  $('accounts').hidden = rows.length === 0
  const fmt = new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 })
  $('accounts')
    .querySelector('tbody')
    .replaceChildren(
      ...rows.map((a) => {
        const tr = document.createElement('tr')
        const cells = [
          a.name,
          a.industry ? industries[lang][a.industry] : '—',
          a.annualSpend ? fmt.format(Number(a.annualSpend.amount)) : '—',
        ]
        cells.forEach((text, i) => {
          const td = document.createElement('td')
          td.textContent = text
          if (i === 2) td.className = 'num'
          tr.append(td)
        })
        return tr
      }),
    )
}

async function start() {
  applyLang()
  const me = await api('/api/v1/auth/me')
  if (me.status === 200) await loadHome(me.body)
  else show('signin')
}

$('lang').addEventListener('change', (e) => {
  lang = e.target.value
  localStorage.setItem('openkam.lang', lang)
  start()
})

$('signout').addEventListener('click', async () => {
  await api('/api/v1/auth/logout', { method: 'POST', body: '{}' })
  show('signin')
})

$('signin').addEventListener('submit', async (e) => {
  e.preventDefault()
  for (const id of ['email-error', 'password-error', 'form-error']) $(id).textContent = ''
  const email = $('email').value.trim()
  const password = $('password').value
  let ok = true
  if (!email) (($('email-error').textContent = t('required')), (ok = false))
  else if (!/^\S+@\S+\.\S+$/.test(email)) (($('email-error').textContent = t('badEmail')), (ok = false))
  if (!password) (($('password-error').textContent = t('required')), (ok = false))
  if (!ok) return
  $('submit').disabled = true
  $('submit').textContent = t('signingIn')
  try {
    const res = await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) })
    if (res.status === 200) await loadHome(res.body.user)
    else
      $('form-error').textContent = messages[lang][res.body?.code] ?? res.body?.detail ?? String(res.status)
  } catch {
    $('form-error').textContent = t('network')
  } finally {
    $('submit').disabled = false
    $('submit').textContent = t('signIn')
  }
})

start()
