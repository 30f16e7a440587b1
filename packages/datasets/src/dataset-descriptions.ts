import type { DatasetName } from "./load-dataset";

/** What a dataset is and where it comes from, as lme4's documentation gives it. */
export interface DatasetDescription {
  readonly description: string;
  readonly citation: string;
}

// Plain string literals only (the Davies & Goldsmith citation is written out three times): a
// template or a concatenation with a shared constant is not side-effect free to esbuild, which then
// keeps this whole table, every dataset's text, in a bundle that imports one dataset.
export const DATASET_DESCRIPTIONS = {
  dyestuff: {
    description:
      "Yield of dyestuff (grams of standard colour) from 5 preparations of each of 6 batches of an intermediate product.",
    citation: "Davies, O. L. and Goldsmith, P. L. (eds) (1972). Statistical Methods in Research and Production, 4th ed. Oliver and Boyd, Table 6.3, p. 131.",
  },
  dyestuff2: {
    description:
      "Simulated yields in the layout of Dyestuff (6 batches, 5 each) whose between-batch variance is estimated as zero: the standard singular fit.",
    citation:
      "Box, G. E. P. and Tiao, G. C. (1973). Bayesian Inference in Statistical Analysis. Addison-Wesley, Table 5.1.4, p. 247.",
  },
  penicillin: {
    description:
      "Diameter (mm) of the zone of growth inhibition in an assay of 6 penicillin samples, each on 24 plates: two crossed random factors.",
    citation: "Davies, O. L. and Goldsmith, P. L. (eds) (1972). Statistical Methods in Research and Production, 4th ed. Oliver and Boyd, Table 6.6, p. 144.",
  },
  pastes: {
    description:
      "Strength of a chemical paste: 2 assays of each of 3 casks chosen from each of 10 delivery batches; cask is nested in batch (`sample` = batch:cask).",
    citation: "Davies, O. L. and Goldsmith, P. L. (eds) (1972). Statistical Methods in Research and Production, 4th ed. Oliver and Boyd, Table 6.5, p. 138.",
  },
  sleepstudy: {
    description:
      "Average reaction time (ms) per day of 18 subjects restricted to 3 hours of sleep per night; days 0-9.",
    citation:
      "Belenky, G. et al. (2003). Patterns of performance degradation and restoration during sleep restriction and subsequent recovery: a sleep dose-response study. Journal of Sleep Research 12, 1-12.",
  },
  insteval: {
    description:
      "Lecture evaluations at ETH Zurich: rating y (1-5) by student s of lecturer d, with the student's semester (studage), the lecture's age (lectage), whether the lecture is a service course for another department (service, 0/1) and the lecturer's department (dept).",
    citation:
      "ETH Zurich, anonymized course evaluations, distributed with lme4: Bates, D., Maechler, M., Bolker, B. and Walker, S. (2015). Fitting Linear Mixed-Effects Models Using lme4. Journal of Statistical Software 67(1), 1-48.",
  },
  cake: {
    description:
      "Breaking angle of chocolate cakes made with 3 recipes and baked at 6 temperatures, in 15 replicates; temp is the temperature as a number.",
    citation:
      "Cook, F. E. (1938). Chocolate cake, I. Optimum baking temperature. Master's thesis, Iowa State College; as in Cochran, W. G. and Cox, G. M. (1957). Experimental Designs, 2nd ed. Wiley, p. 300.",
  },
  cbpp: {
    description:
      "Contagious bovine pleuropneumonia: new serological cases (incidence) out of herd size (size) in 15 herds over 4 periods, for binomial models.",
    citation:
      "Lesnoff, M. et al. (2004). Within-herd spread of contagious bovine pleuropneumonia in Ethiopian highlands. Preventive Veterinary Medicine 64, 27-40.",
  },
  verbagg: {
    description:
      "Responses (no/perhaps/yes; r2 = N/Y) of 316 subjects to 24 items of a questionnaire on verbal aggression, with trait anger score, gender, behaviour type, situation and mode (want/do).",
    citation:
      "De Boeck, P. and Wilson, M. (eds) (2004). Explanatory Item Response Models: A Generalized Linear and Nonlinear Approach. Springer.",
  },
  grouseticks: {
    description:
      "Number of ticks on the heads of 403 red grouse chicks, by brood, location, year and altitude (HEIGHT; cHEIGHT is centred).",
    citation:
      "Elston, D. A., Moss, R., Boulinier, T., Arrowsmith, C. and Lambin, X. (2001). Analysis of aggregation, a worked example: numbers of ticks on red grouse chicks. Parasitology 122, 563-569.",
  },
  arabidopsis: {
    description:
      "Fruit set of Arabidopsis thaliana plants by region, population, genotype, rack, nutrient level, simulated herbivory (amd) and germination method (status).",
    citation:
      "Banta, J. A., Stevens, M. H. H. and Pigliucci, M. (2010). A comprehensive test of the 'limiting resources' framework applied to plant tolerance to apical meristem damage. Oikos 119(2), 359-369.",
  },
} as const satisfies Record<DatasetName, DatasetDescription>;
