import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
  not_likely: 'überhaupt nicht wahrscheinlich',
  very_likely: 'äußerst wahrscheinlich',
  follow_up: {
    promoter: 'Was gefällt Ihnen am besten?',
    passive: 'Was fehlt für eine 10?',
    detractor: 'Was hat Sie enttäuscht, und was sollten wir verbessern?',
  },
  csat_question: 'Wie zufrieden sind Sie mit unserem Produkt?',
  csat_labels: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'],
  csat_follow_up: 'Was ist der wichtigste Grund für Ihre Bewertung?',
  comment_label: 'Möchten Sie uns noch etwas mitteilen? (optional)',
  cancel_question: 'Warum kündigen Sie?',
  uninstall_title: 'Schade, dass Sie gehen',
  uninstall_question: 'Warum haben Sie deinstalliert? Mehrfachauswahl möglich.',
  reason_or_comment: 'Bitte wählen Sie einen Grund oder schreiben Sie einen Kommentar.',
  submit_button: 'Senden',
  later_button: 'Später fragen',
  close_button: 'Schließen',
  skip_button: 'Überspringen',
  not_sent: 'Ihre Antwort konnte leider nicht gesendet werden.',
  thank_you: 'Vielen Dank! Ihr Feedback hilft uns, besser zu werden.',
} satisfies Strings;
