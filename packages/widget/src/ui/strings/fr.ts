import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
  notLikely: 'pas du tout probable',
  veryLikely: 'extrêmement probable',
  followUp: {
    promoter: 'Qu’appréciez-vous le plus ?',
    passive: 'Que nous manque-t-il pour mériter un 10 ?',
    detractor: 'Qu’est-ce qui vous a déçu, et que devrions-nous améliorer ?',
  },
  commentLabel: 'Autre chose à nous dire ? (facultatif)',
  cancelQuestion: 'Pourquoi résiliez-vous ?',
  uninstallTitle: 'Dommage de vous voir partir',
  uninstallQuestion: 'Pourquoi avez-vous désinstallé ? Plusieurs choix possibles.',
  reasonRequired: 'Veuillez choisir une raison.',
  reasonOrComment: 'Veuillez choisir une raison ou écrire un commentaire.',
  submit: 'Envoyer',
  later: 'Me demander plus tard',
  close: 'Fermer',
  skip: 'Passer',
  thanks: 'Merci ! Vos retours nous aident à nous améliorer.',
};
