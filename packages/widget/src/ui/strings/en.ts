import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: 'How likely are you to recommend us to a friend or colleague?',
  notLikely: 'not at all likely',
  veryLikely: 'extremely likely',
  followUp: {
    promoter: 'What do you like most?',
    passive: 'What would make it a 10?',
    detractor: 'What disappointed you, and what should we improve?',
  },
  commentLabel: 'Anything else you would like to tell us? (optional)',
  cancelQuestion: 'Why are you cancelling?',
  uninstallTitle: 'Sorry to see you go',
  uninstallQuestion: 'Why did you uninstall? Choose all that apply.',
  reasonRequired: 'Please choose a reason.',
  reasonOrComment: 'Please choose a reason or write a comment.',
  submit: 'Send',
  later: 'Ask me later',
  close: 'Close',
  skip: 'Skip',
  thanks: 'Thank you! Your feedback helps us improve.',
};
