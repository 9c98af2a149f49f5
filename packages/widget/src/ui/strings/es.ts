import type { Strings } from './index.ts';

export const strings: Strings = {
  dir: 'ltr',
  npsQuestion: '¿Qué probabilidad hay de que nos recomiende a un amigo o colega?',
  notLikely: 'nada probable',
  veryLikely: 'extremadamente probable',
  followUp: {
    promoter: '¿Qué es lo que más le gusta?',
    passive: '¿Qué nos falta para merecer un 10?',
    detractor: '¿Qué le decepcionó y qué deberíamos mejorar?',
  },
  commentLabel: '¿Algo más que quiera contarnos? (opcional)',
  cancelQuestion: '¿Por qué cancela?',
  uninstallTitle: 'Lamentamos que se vaya',
  uninstallQuestion: '¿Por qué desinstaló? Puede elegir varias opciones.',
  reasonRequired: 'Elija un motivo.',
  reasonOrComment: 'Elija un motivo o escriba un comentario.',
  submit: 'Enviar',
  later: 'Preguntarme más tarde',
  close: 'Cerrar',
  skip: 'Omitir',
  thanks: '¡Gracias! Sus comentarios nos ayudan a mejorar.',
};
