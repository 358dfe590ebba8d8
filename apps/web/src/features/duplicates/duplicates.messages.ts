import { i18n } from '../../shared/i18n/i18n'

const en = {
  title: {
    accounts: 'This account may exist already',
    contacts: 'This contact may exist already',
    leads: 'This lead may exist already',
  },
  intro: {
    accounts: 'Accounts that look like the one you are saving:',
    contacts: 'Contacts that look like the one you are saving:',
    leads: 'Leads that look like the one you are saving:',
  },
  on: {
    accounts: {
      creditCode: 'Same unified social credit code',
      domain: 'Same domain / website',
      name: 'Near-identical name',
    },
    contacts: { email: 'Same e-mail', phone: 'Same phone', name: 'Same name at this account' },
    leads: { email: 'Same e-mail', phone: 'Same company and phone', name: 'Same company and name' },
  },
  creditCodeBlocks:
    'The unified social credit code identifies one company, so a second account with it cannot be saved. Open the existing account, or merge.',
  hidden: 'Owned by a colleague — ask them or an administrator',
  open: 'Open',
  merge: 'Merge…',
  saveAnyway: 'Save anyway',
  back: 'Back to editing',
}

const zhCN: typeof en = {
  title: {
    accounts: '该客户可能已存在',
    contacts: '该联系人可能已存在',
    leads: '该线索可能已存在',
  },
  intro: {
    accounts: '以下客户与您要保存的客户相似：',
    contacts: '以下联系人与您要保存的联系人相似：',
    leads: '以下线索与您要保存的线索相似：',
  },
  on: {
    accounts: {
      creditCode: '统一社会信用代码相同',
      domain: '域名 / 网站相同',
      name: '名称几乎相同',
    },
    contacts: { email: '邮箱相同', phone: '电话相同', name: '同一客户下姓名相同' },
    leads: { email: '邮箱相同', phone: '公司和电话相同', name: '公司和姓名相同' },
  },
  creditCodeBlocks:
    '统一社会信用代码唯一标识一家企业，不能再保存一个相同代码的客户。请打开已有客户，或将两者合并。',
  hidden: '由同事负责——请联系该同事或管理员',
  open: '打开',
  merge: '合并…',
  saveAnyway: '仍然保存',
  back: '返回编辑',
}

i18n.addResourceBundle('en', 'translation', { duplicates: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { duplicates: zhCN }, true, true)
