import type { HandleClientError } from '@sveltejs/kit';

/** An unexpected failure still speaks French to the person in front of the screen. */
export const handleError: HandleClientError = ({ error, status }) => {
  console.error(error);
  return {
    message:
      status === 404
        ? 'Cette page n’existe pas.'
        : 'Erreur inattendue. Rechargez la page ; si le problème persiste, prévenez le centre d’examen.',
  };
};
