import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: 'Qual a probabilidade de você nos recomendar a um amigo ou colega?',
  notLikely: 'nada provável',
  veryLikely: 'extremamente provável',
  followUp: {
    promoter: 'Do que você mais gosta?',
    passive: 'O que falta para merecermos um 10?',
    detractor: 'O que decepcionou você, e o que devemos melhorar?',
  },
  commentLabel: 'Algo mais que queira nos contar? (opcional)',
  cancelQuestion: 'Por que você está cancelando?',
  uninstallTitle: 'Que pena ver você partir',
  uninstallQuestion: 'Por que você desinstalou? Escolha todas as opções que se aplicam.',
  reasonRequired: 'Escolha um motivo.',
  reasonOrComment: 'Escolha um motivo ou escreva um comentário.',
  submit: 'Enviar',
  later: 'Perguntar mais tarde',
  close: 'Fechar',
  skip: 'Pular',
  thanks: 'Obrigado! Sua opinião nos ajuda a melhorar.',
};
