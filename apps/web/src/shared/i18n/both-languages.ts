/**
 * The few texts a screen needs in both languages at once, whatever the one being shown: only one
 * language's bundle is loaded (i18n.ts), so `t(key, { lng })` cannot reach the other. The bundles take
 * these from here too, so each text is written once.
 */

/** The built-in roles' descriptions as the server stores them (English): a description still equal to its one is shown translated. */
export const roleDescriptionsEn = {
  admin: 'Everything, including users, roles and settings',
  executive: 'Sees every record; changes only their own',
  sales_manager: 'Sees and manages the records of the teams they lead or belong to',
  sales: 'Works their own accounts and pipeline',
  presales: "Sees their team's records to support deals; changes their own",
  csm: "Sees their team's accounts; changes the ones they look after",
  finance: 'Reads every account for billing and payments; keeps contracts, invoices and payments',
  legal: 'Reads every account for contracts; drafts and amends the contracts',
}

/** A new form-layout section's title, in both languages (a layout section carries both). */
export const newSectionTitles = { en: 'New section', 'zh-CN': '新分组' }
