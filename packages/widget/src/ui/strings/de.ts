import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
  notLikely: 'überhaupt nicht wahrscheinlich',
  veryLikely: 'äußerst wahrscheinlich',
  followUp: {
    promoter: 'Was gefällt Ihnen am besten?',
    passive: 'Was fehlt für eine 10?',
    detractor: 'Was hat Sie enttäuscht, und was sollten wir verbessern?',
  },
  commentLabel: 'Möchten Sie uns noch etwas mitteilen? (optional)',
  cancelQuestion: 'Warum kündigen Sie?',
  uninstallTitle: 'Schade, dass Sie gehen',
  uninstallQuestion: 'Warum haben Sie deinstalliert? Mehrfachauswahl möglich.',
  reasonRequired: 'Bitte wählen Sie einen Grund.',
  reasonOrComment: 'Bitte wählen Sie einen Grund oder schreiben Sie einen Kommentar.',
  submit: 'Senden',
  later: 'Später fragen',
  close: 'Schließen',
  skip: 'Überspringen',
  thanks: 'Vielen Dank! Ihr Feedback hilft uns, besser zu werden.',
};
