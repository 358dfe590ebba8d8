import { useTranslation } from 'react-i18next'
import type { ScoreTexts } from '../../surveys/ScoreForm'

/** A 1–5 rating's colours: 1–2 low, 3 middle, 4–5 high. */
export const fivePointBand = (n: number): 'low' | 'mid' | 'high' =>
  n <= 2 ? 'low' : n === 3 ? 'mid' : 'high'

/** The texts of a ticket's 1–5 rating (the rating link's page and the portal use the same). */
export function useRatingTexts(): ScoreTexts {
  const { t } = useTranslation()
  return {
    low: t('ticketConversation.rate.low'),
    high: t('ticketConversation.rate.high'),
    pickScore: t('ticketConversation.rate.pickScore'),
    comment: t('ticketConversation.rate.comment'),
    submit: t('ticketConversation.rate.submit'),
  }
}
