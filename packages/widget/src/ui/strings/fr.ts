import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
  not_likely: 'pas du tout probable',
  very_likely: 'extrêmement probable',
  follow_up: {
    promoter: 'Qu’appréciez-vous le plus ?',
    passive: 'Que nous manque-t-il pour mériter un 10 ?',
    detractor: 'Qu’est-ce qui vous a déçu, et que devrions-nous améliorer ?',
  },
  csat_question: 'Dans quelle mesure êtes-vous satisfait de notre produit ?',
  csat_labels: ['Très insatisfait', 'Insatisfait', 'Neutre', 'Satisfait', 'Très satisfait'],
  csat_follow_up: 'Quelle est la principale raison de votre note ?',
  comment_label: 'Autre chose à nous dire ? (facultatif)',
  cancel_question: 'Pourquoi résiliez-vous ?',
  uninstall_title: 'Dommage de vous voir partir',
  uninstall_question: 'Pourquoi avez-vous désinstallé ? Plusieurs choix possibles.',
  reason_or_comment: 'Veuillez choisir une raison ou écrire un commentaire.',
  submit_button: 'Envoyer',
  later_button: 'Me demander plus tard',
  close_button: 'Fermer',
  skip_button: 'Passer',
  not_sent: 'Désolé, votre réponse n’a pas pu être envoyée.',
  thank_you: 'Merci ! Vos retours nous aident à nous améliorer.',
} satisfies Strings;
