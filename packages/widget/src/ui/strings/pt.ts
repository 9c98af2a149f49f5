import type { Strings } from './index.ts';

export default {
  dir: 'ltr',
  nps_question: 'Qual a probabilidade de você nos recomendar a um amigo ou colega?',
  not_likely: 'nada provável',
  very_likely: 'extremamente provável',
  follow_up: {
    promoter: 'Do que você mais gosta?',
    passive: 'O que falta para merecermos um 10?',
    detractor: 'O que decepcionou você, e o que devemos melhorar?',
  },
  csat_question: 'Qual é o seu grau de satisfação com o nosso produto?',
  csat_labels: ['Muito insatisfeito', 'Insatisfeito', 'Neutro', 'Satisfeito', 'Muito satisfeito'],
  csat_follow_up: 'Qual é o principal motivo da sua nota?',
  comment_label: 'Algo mais que queira nos contar? (opcional)',
  cancel_question: 'Por que você está cancelando?',
  uninstall_title: 'Que pena ver você partir',
  uninstall_question: 'Por que você desinstalou? Escolha todas as opções que se aplicam.',
  reason_or_comment: 'Escolha um motivo ou escreva um comentário.',
  submit_button: 'Enviar',
  later_button: 'Perguntar mais tarde',
  close_button: 'Fechar',
  skip_button: 'Pular',
  not_sent: 'Desculpe, não foi possível enviar sua resposta.',
  thank_you: 'Obrigado! Sua opinião nos ajuda a melhorar.',
} satisfies Strings;
