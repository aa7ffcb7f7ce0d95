package org.cassandramesos.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class OpenApiHtmlTest {
    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void textFromTheSpecIsEscaped() {
        assertThat(OpenApiHtml.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assertThat(OpenApiHtml.prose("use `a<b`")).isEqualTo("use <code>a&lt;b</code>");
    }

    @Test
    void rendersPathsOperationsParametersBodiesAndResponsesAsOneSelfContainedPage() throws Exception {
        String html = OpenApiHtml.render(yaml("""
                openapi: 3.0.3
                info: { title: t<1>, version: "2", description: "needs `token=<t>`" }
                paths:
                  /v1/jobs/{id}:
                    put:
                      summary: start a job
                      parameters: [ { $ref: "#/components/parameters/id" } ]
                      requestBody:
                        required: true
                        description: the job
                        content: { application/json: { schema: { $ref: "#/components/schemas/Job" } } }
                      responses:
                        "202": { description: started }
                        "401": { $ref: "#/components/responses/Unauthorized" }
                components:
                  parameters:
                    id: { name: id, in: path, required: true, schema: { type: string, pattern: "^[a-z]+$" } }
                  responses:
                    Unauthorized: { description: no token }
                  schemas:
                    Job:
                      type: object
                      properties:
                        kind: { type: string, enum: [repair, cleanup] }
                        keyspaces: { type: array, description: "empty: `all`" }
                """));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>t&lt;1&gt; 2</title>")
                .contains("needs <code>token=&lt;t&gt;</code>")
                .contains("<h2 class=\"p\" id=\"/v1/jobs/{id}\">")
                .contains("<span class=\"m\">put</span>start a job")
                .contains("<code>id</code></td><td>path</td><td>yes</td><td>matches ^[a-z]+$")
                .contains("Request body <code>application/json</code> (required): the job")
                .contains("<code>kind</code></td><td>one of repair cleanup")
                .contains("<code>keyspaces</code></td><td>empty: <code>all</code>")
                .contains("<td>202</td><td>started</td>")
                .contains("<td>401</td><td>no token</td>")
                .doesNotContain("<script")
                .doesNotContain("<link");
    }
}
