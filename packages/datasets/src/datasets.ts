import type { DataTable } from "@mixedmodels/core";
import { arabidopsisEncoded } from "./generated/arabidopsis.generated";
import { cakeEncoded } from "./generated/cake.generated";
import { cbppEncoded } from "./generated/cbpp.generated";
import { dyestuffEncoded } from "./generated/dyestuff.generated";
import { dyestuff2Encoded } from "./generated/dyestuff2.generated";
import { grouseticksEncoded } from "./generated/grouseticks.generated";
import { instevalEncoded } from "./generated/insteval.generated";
import { pastesEncoded } from "./generated/pastes.generated";
import { penicillinEncoded } from "./generated/penicillin.generated";
import { sleepstudyEncoded } from "./generated/sleepstudy.generated";
import { verbaggEncoded } from "./generated/verbagg.generated";
import { createLazyDataTable } from "./lazy-data-table";

// Each table decodes its columns on first access; `@__PURE__` lets a bundler drop the ones a
// program never imports, with their encoded data.

/** lme4's `Dyestuff` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("dyestuff")`. */
export const dyestuff: DataTable = /* @__PURE__ */ createLazyDataTable(dyestuffEncoded);
/** lme4's `Dyestuff2` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("dyestuff2")`. */
export const dyestuff2: DataTable = /* @__PURE__ */ createLazyDataTable(dyestuff2Encoded);
/** lme4's `Penicillin` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("penicillin")`. */
export const penicillin: DataTable = /* @__PURE__ */ createLazyDataTable(penicillinEncoded);
/** lme4's `Pastes` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("pastes")`. */
export const pastes: DataTable = /* @__PURE__ */ createLazyDataTable(pastesEncoded);
/** lme4's `sleepstudy` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("sleepstudy")`. */
export const sleepstudy: DataTable = /* @__PURE__ */ createLazyDataTable(sleepstudyEncoded);
/** lme4's `InstEval` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("insteval")`. */
export const insteval: DataTable = /* @__PURE__ */ createLazyDataTable(instevalEncoded);
/** lme4's `cake` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("cake")`. */
export const cake: DataTable = /* @__PURE__ */ createLazyDataTable(cakeEncoded);
/** lme4's `cbpp` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("cbpp")`. */
export const cbpp: DataTable = /* @__PURE__ */ createLazyDataTable(cbppEncoded);
/** lme4's `VerbAgg` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("verbagg")`. */
export const verbagg: DataTable = /* @__PURE__ */ createLazyDataTable(verbaggEncoded);
/** lme4's `grouseticks` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("grouseticks")`. */
export const grouseticks: DataTable = /* @__PURE__ */ createLazyDataTable(grouseticksEncoded);
/** lme4's `Arabidopsis` as a `DataTable`, decoded on first use of `columns`. See `datasetInfo("arabidopsis")`. */
export const arabidopsis: DataTable = /* @__PURE__ */ createLazyDataTable(arabidopsisEncoded);
