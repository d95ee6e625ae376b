/**
 * The names directory a simulated Axialys account returns at login (`ops`, `groupes`, `trunks`,
 * `pauses`, `target`), and the default team used by tests and the demo.
 */
export interface SimDirectory {
  target: number;
  ops: { id: number; nom: string; groupes: number[] }[];
  groupes: { id: number; nom: string }[];
  trunks: { id: number; nom: string }[];
  pauses: { id: number; value: string }[];
}

export const DEFAULT_DIRECTORY: SimDirectory = {
  target: 4521,
  ops: [
    { id: 1, nom: 'Camille Martin', groupes: [391, 392] },
    { id: 2, nom: 'Hugo Bernard', groupes: [391] },
    { id: 3, nom: 'Léa Dubois', groupes: [391, 393] },
    { id: 4, nom: 'Lucas Thomas', groupes: [392] },
    { id: 5, nom: 'Chloé Robert', groupes: [392, 393] },
    { id: 6, nom: 'Nathan Richard', groupes: [393] },
    { id: 7, nom: 'Manon Petit', groupes: [391, 392, 393] },
    { id: 8, nom: 'Enzo Durand', groupes: [391] },
  ],
  groupes: [
    { id: 391, nom: 'Service client' },
    { id: 392, nom: 'Support technique' },
    { id: 393, nom: 'Facturation' },
  ],
  trunks: [{ id: 346223, nom: 'Acheminement national' }],
  pauses: [
    { id: 1, value: 'Déjeuner' },
    { id: 2, value: 'Formation' },
    { id: 3, value: 'Brief équipe' },
    { id: 4, value: 'Pause café' },
  ],
};
