import { Foundation1795410020976 } from './1795410020976-Foundation.js';
import { LoadPlaces1795410030000 } from './1795410030000-LoadPlaces.js';
import { PartnershipRecords1795411264102 } from './1795411264102-PartnershipRecords.js';
import { UnitOfWork1796218525111 } from './1796218525111-UnitOfWork.js';
import { FourEyes1796219895100 } from './1796219895100-FourEyes.js';
import { AsOfIndex1796222249979 } from './1796222249979-AsOfIndex.js';
import { SharedLoginLimits1796300000000 } from './1796300000000-SharedLoginLimits.js';
import { KeptFigures1796310000000 } from './1796310000000-KeptFigures.js';
import { KeptCommitmentTerms1796320000000 } from './1796320000000-KeptCommitmentTerms.js';
import { ListOrderIndexes1796330000000 } from './1796330000000-ListOrderIndexes.js';
import { FigureLogs1796340000000 } from './1796340000000-FigureLogs.js';

/** Every migration, in order. A test fails when entities and migrations disagree, so none is forgotten. */
export const MIGRATIONS = [Foundation1795410020976, LoadPlaces1795410030000, PartnershipRecords1795411264102, UnitOfWork1796218525111, FourEyes1796219895100, AsOfIndex1796222249979, SharedLoginLimits1796300000000, KeptFigures1796310000000, KeptCommitmentTerms1796320000000, ListOrderIndexes1796330000000, FigureLogs1796340000000];
