// nearestNames, the one "did you mean" ranking, and the threshold each of its callers keeps.
import { expect } from "chai";
import { closest } from "../config/suggest";
import { closestRegions } from "../entra/azureRegions";
import { closestNames, nearestNames } from "../entra/suggest";
import { closestName } from "../offline/simulator/schemaCheck";

// Distances from "cart": part, cat, Bart, card 1; arts, scarf 2; Cart 0 (case-insensitive).
const WORDS = ["scarf", "part", "arts", "cat", "Bart", "card"];
const upTo = (n: number) => (): number => n;

describe("nearestNames", () => {
    it("orders by distance, then by name in code-unit order, whatever the candidates' order", () => {
        const ranked = ["Bart", "card", "cat", "part", "arts", "scarf"];
        expect(nearestNames("cart", WORDS, { within: upTo(2), max: 10 })).to.deep.equal(ranked);
        expect(nearestNames("cart", [...WORDS].reverse(), { within: upTo(2), max: 10 })).to.deep.equal(ranked);
    });

    it("keeps the first `max`, three by default", () => {
        expect(nearestNames("cart", WORDS, { within: upTo(2), max: 2 })).to.deep.equal(["Bart", "card"]);
        expect(nearestNames("cart", WORDS, { within: upTo(2) })).to.deep.equal(["Bart", "card", "cat"]);
        expect(nearestNames("cart", WORDS, { within: upTo(2), max: 0 })).to.deep.equal([]);
    });

    it("offers a candidate only within the distance the callback gives for that value and candidate", () => {
        expect(nearestNames("cart", WORDS, { within: upTo(1), max: 10 })).to.deep.equal([
            "Bart",
            "card",
            "cat",
            "part",
        ]);
        expect(nearestNames("cart", WORDS, { within: upTo(0), max: 10 })).to.deep.equal([]);
        const asked: string[] = [];
        const within = (value: string, candidate: string): number => {
            asked.push(`${value}/${candidate}`);
            return candidate.length === 5 ? 2 : 0;
        };
        expect(nearestNames("cart", WORDS, { within, max: 10 })).to.deep.equal(["scarf"]);
        expect(asked).to.include.members(["cart/scarf", "cart/part", "cart/Bart"]);
    });

    it("leaves out the value itself unless asked, and only an exact match", () => {
        const withSelf = ["cart", "Cart", ...WORDS];
        expect(nearestNames("cart", withSelf, { within: upTo(1) })).to.deep.equal(["Cart", "Bart", "card"]);
        expect(nearestNames("cart", withSelf, { within: upTo(1), offerSelf: true })).to.deep.equal([
            "Cart",
            "cart",
            "Bart",
        ]);
    });

    describe("each caller's threshold, just inside and just outside", () => {
        it("config keys (closest): a third of the typed length, 1 to 3 edits", () => {
            expect(closest("locatixx", ["location"])).to.equal("location"); // 8 chars: 2 edits allowed, 2 made
            expect(closest("locaxxxn", ["location"])).to.equal(undefined); // 3 edits
            expect(closest("clod", ["cloud"])).to.equal("cloud"); // 4 chars: 1 edit allowed, 1 made
            expect(closest("clo", ["cloud"])).to.equal(undefined); // 2 edits
        });

        it("permission and scope names (closestNames): at most 3 edits at any length", () => {
            const known = ["Files.Read.All", "Mail.Read"];
            expect(closestNames("Fles.Red.Al", known)).to.deep.equal(["Files.Read.All"]);
            expect(closestNames("Fles.Red.A", known)).to.deep.equal([]);
        });

        it("provider tokens and inputs (closestName): 40% of the longer name, at least 2", () => {
            expect(closestName("dsplyNm", ["displayName"])).to.equal("displayName"); // 11 chars: 4 allowed, 4 made
            expect(closestName("dsplyN", ["displayName"])).to.equal(undefined); // 5 edits
            expect(closestName("x", ["id"])).to.equal("id"); // the floor of 2 for short names
        });

        it("regions (closestRegions): a third of the normalised length, at least 2, the value itself included", () => {
            expect(closestRegions("wastxuroe", "public")).to.include("westeurope"); // 9 chars: 3 allowed, 3 made
            expect(closestRegions("wastxurxe", "public")).not.to.include("westeurope"); // 4 edits
            expect(closestRegions("West-Europe", "public")[0]).to.equal("westeurope");
            // A region two clouds share is offered once, not once per cloud.
            expect(closestRegions("usgovtexs", "any")).to.deep.equal(["usgovtexas"]);
        });
    });
});
